import { createHash } from "node:crypto";
import type { ColumnMapping, ImportObjectType } from "./table.ts";

/** Headers naming the user a record belongs to (atomic-crm calls it "sales"). */
const ownerWords = [
  "owner",
  "ownername",
  "owneremail",
  "recordowner",
  "assignedto",
  "salesrep",
  "salesperson",
  "sales",
  "负责人",
  "所有者",
  "拥有者",
  "归属人",
  "跟进人",
  "销售",
  "销售代表",
  "业务员",
];

/**
 * What a column can become, with the header words (English, Chinese, other CRMs' exports) that
 * suggest it. Headers are compared normalized: lower case, without spaces, _ - . and quotes.
 */
const customerTargets: Record<string, string[]> = {
  name: [
    "name",
    "customername",
    "companyname",
    "accountname",
    "company",
    "account",
    "organization",
    "organisation",
    "客户名称",
    "客户",
    "公司名称",
    "公司",
    "企业名称",
    "单位名称",
    "名称",
  ],
  kind: ["kind", "customerkind", "customertype", "客户类型", "类型"],
  industry: ["industry", "行业", "所属行业"],
  size: ["size", "companysize", "employees", "numberofemployees", "规模", "人员规模", "公司规模", "企业规模"],
  level: ["level", "rating", "customerlevel", "级别", "客户级别", "等级", "客户等级"],
  source: ["source", "leadsource", "customersource", "来源", "客户来源"],
  lifecycleStage: ["lifecyclestage", "stage", "生命周期", "生命周期阶段", "阶段", "客户阶段"],
  tags: ["tags", "tag", "标签"],
  phone: ["phone", "telephone", "tel", "phonenumber", "mainphone", "电话", "联系电话", "座机", "公司电话"],
  email: ["email", "emailaddress", "mail", "邮箱", "电子邮件", "电子邮箱", "邮件"],
  website: ["website", "web", "url", "domain", "网址", "网站", "官网", "公司网址"],
  "address.country": ["country", "billingcountry", "国家"],
  "address.region": ["region", "state", "province", "billingstate", "省份", "省", "地区", "省市"],
  "address.city": ["city", "billingcity", "城市", "市"],
  "address.street": ["street", "address", "billingstreet", "地址", "详细地址", "街道"],
  "address.postalCode": ["postalcode", "zip", "zipcode", "postcode", "billingpostalcode", "邮编", "邮政编码"],
  notes: ["notes", "note", "description", "remark", "remarks", "备注", "描述", "说明"],
  owner: [...ownerWords, "accountowner", "客户负责人"],
};

const contactTargets: Record<string, string[]> = {
  name: ["name", "fullname", "contactname", "姓名", "联系人", "联系人姓名", "名字"],
  firstName: ["firstname", "givenname", "first", "名"],
  lastName: ["lastname", "surname", "familyname", "last", "姓"],
  title: ["title", "jobtitle", "position", "职位", "职务", "头衔"],
  department: ["department", "dept", "部门"],
  "phones.mobile": [
    "mobile",
    "mobilephone",
    "cell",
    "cellphone",
    "phonemobile",
    "手机",
    "手机号",
    "手机号码",
    "移动电话",
  ],
  "phones.work": [
    "phone",
    "phonework",
    "workphone",
    "businessphone",
    "telephone",
    "tel",
    "电话",
    "办公电话",
    "工作电话",
    "座机",
  ],
  "phones.home": ["phonehome", "homephone", "家庭电话"],
  "phones.other": ["phoneother", "otherphone", "其他电话"],
  "emails.work": [
    "email",
    "emailwork",
    "workemail",
    "emailaddress",
    "mail",
    "邮箱",
    "电子邮件",
    "电子邮箱",
    "工作邮箱",
  ],
  "emails.home": ["emailhome", "homeemail", "personalemail", "私人邮箱"],
  "emails.other": ["emailother", "otheremail", "其他邮箱"],
  "im.wechat": ["wechat", "weixin", "微信", "微信号"],
  "im.qq": ["qq", "qq号"],
  birthday: ["birthday", "birthdate", "dateofbirth", "生日", "出生日期"],
  buyingRole: ["buyingrole", "role", "角色", "决策角色"],
  notes: ["notes", "note", "background", "description", "remark", "备注", "描述", "说明"],
  owner: [...ownerWords, "contactowner", "联系人负责人"],
  customer: [
    "customer",
    "customername",
    "company",
    "companyname",
    "account",
    "accountname",
    "organization",
    "organisation",
    "客户",
    "客户名称",
    "公司",
    "公司名称",
    "所属客户",
    "单位",
  ],
};

/** In an "Object: Field" header (Salesforce reports), which object prefixes belong to which target. */
const prefixes: Record<ImportObjectType, { own: string[]; customer?: string[] }> = {
  customer: { own: ["account", "company", "customer", "客户", "公司"] },
  contact: { own: ["contact", "联系人"], customer: ["account", "company", "customer", "客户", "公司"] },
};

const targetsByType: Record<ImportObjectType, Record<string, string[]>> = {
  customer: customerTargets,
  contact: contactTargets,
};

export function mappingTargets(objectType: ImportObjectType, customKeys: string[] = []): string[] {
  return [...Object.keys(targetsByType[objectType]), ...customKeys.map((k) => `custom.${k}`)];
}

const normalize = (header: string) => header.toLowerCase().replace(/[\s_\-.'"()（）]/g, "");

function targetFor(objectType: ImportObjectType, header: string): string | undefined {
  const synonyms = targetsByType[objectType];
  const find = (word: string) =>
    Object.keys(synonyms).find((t) => synonyms[t]?.includes(word) || normalize(t) === word);
  const colon = header.search(/[:：]/);
  if (colon < 0) return find(normalize(header));
  const prefix = normalize(header.slice(0, colon));
  const field = normalize(header.slice(colon + 1));
  const p = prefixes[objectType];
  if (p.own.includes(prefix)) return find(field);
  // "Account: Account Name" on a contact import is the company the contact works at.
  if (p.customer?.includes(prefix) && ["name", "accountname", "companyname", "名称"].includes(field)) return "customer";
  return undefined;
}

/** Suggests a target for each column from its header; each target goes to the first column that claims it. */
export function guessMapping(
  objectType: ImportObjectType,
  headers: string[],
  customFields: { key: string; label: { en: string; "zh-CN": string }; currency?: string | null }[] = [],
): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<string>();
  const named = (header: string, words: (f: (typeof customFields)[number]) => string[]) =>
    customFields.find((f) => words(f).some((w) => normalize(w) === normalize(header)));
  headers.forEach((header, index) => {
    // A custom field's label, as this organization named it, comes before a built-in field's synonym
    // ("Region"); its key only after them (a key may be a common word like "name").
    const builtIn = targetFor(objectType, header);
    // A money field's label may come with its currency, as exports head it: "Contract value (USD)".
    const labels = (f: (typeof customFields)[number]) => [f.label.en, f.label["zh-CN"]];
    const withCurrency = (f: (typeof customFields)[number]) =>
      f.currency ? labels(f).map((l) => `${l} ${f.currency}`) : [];
    const custom =
      named(header, (f) => [...labels(f), ...withCurrency(f)]) ?? (builtIn ? undefined : named(header, (f) => [f.key]));
    const target = custom ? `custom.${custom.key}` : builtIn;
    if (target && !taken.has(target)) {
      mapping[String(index)] = target;
      taken.add(target);
    }
  });
  return mapping;
}

/** Identifies a file layout: the same headers in the same order get the same remembered mapping. */
export function headerSignature(headers: string[]): string {
  return createHash("sha256").update(headers.map(normalize).join("\u0001")).digest("hex").slice(0, 32);
}
