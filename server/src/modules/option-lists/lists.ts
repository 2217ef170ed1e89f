import { z } from "zod";

/** What records store for an option: a comma would split it in filters, exports and imports. */
export const optionKeySchema = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[^,\p{Cc}]+$/u, "must not hold commas or control characters");

/** A value an organization starts with: its key (what records store) and labels. */
export type OptionSeed = { key: string; zh: string; en: string; color?: string };

export type OptionListDefinition = {
  /** "<object>.<field>", e.g. "customer.industry"; a key ending in ".*" names a family of lists. */
  key: string;
  /** The values every organization starts with (seeded at creation). */
  defaults: readonly OptionSeed[];
};

const lists = new Map<string, OptionListDefinition>();

/**
 * Registers an option list. Modules register theirs at import time: deals add "deal.stage", custom
 * fields register the family "customer.custom.*" and create one list per choice field.
 */
export function defineOptionList(definition: OptionListDefinition): OptionListDefinition {
  lists.set(definition.key, definition);
  return definition;
}

export const listKeyPattern = /^[a-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;

/** A list key the API accepts: a registered list, or a member of a registered family. */
export function isKnownList(key: string): boolean {
  if (lists.has(key)) return true;
  const dot = key.lastIndexOf(".");
  return dot > 0 && lists.has(`${key.slice(0, dot)}.*`);
}

/** The lists with values to seed, in registration order. */
export const seededLists = (): OptionListDefinition[] => [...lists.values()].filter((l) => !l.key.endsWith(".*"));

const seeds = (entries: [string, string, string, string?][]): OptionSeed[] =>
  entries.map(([key, zh, en, color]) => ({ key, zh, en, ...(color ? { color } : {}) }));

export const customerIndustry = defineOptionList({
  key: "customer.industry",
  defaults: seeds([
    ["technology", "信息技术", "Technology"],
    ["manufacturing", "制造业", "Manufacturing"],
    ["retail", "零售", "Retail"],
    ["finance", "金融", "Finance"],
    ["healthcare", "医疗健康", "Healthcare"],
    ["education", "教育", "Education"],
    ["real_estate", "房地产", "Real estate"],
    ["professional_services", "专业服务", "Professional services"],
    ["logistics", "物流", "Logistics"],
    ["energy", "能源", "Energy"],
    ["media", "传媒", "Media"],
    ["government", "政府机构", "Government"],
    ["other", "其他", "Other"],
  ]),
});

export const customerSize = defineOptionList({
  key: "customer.size",
  defaults: seeds([
    ["1-10", "1-10 人", "1-10 employees"],
    ["11-50", "11-50 人", "11-50 employees"],
    ["51-200", "51-200 人", "51-200 employees"],
    ["201-1000", "201-1000 人", "201-1000 employees"],
    ["1001+", "1001+ 人", "1001+ employees"],
  ]),
});

export const customerLevel = defineOptionList({
  key: "customer.level",
  defaults: seeds([
    ["A", "A · 重点客户", "A · Key account", "red"],
    ["B", "B · 普通客户", "B · Regular", "orange"],
    ["C", "C · 一般客户", "C · Occasional", "blue"],
    ["D", "D · 低价值客户", "D · Low value"],
  ]),
});

export const customerSource = defineOptionList({
  key: "customer.source",
  defaults: seeds([
    ["website", "官网", "Website"],
    ["referral", "客户介绍", "Referral"],
    ["event", "会议活动", "Event"],
    ["advertising", "广告", "Advertising"],
    ["cold_call", "电话陌拜", "Cold call"],
    ["partner", "合作伙伴", "Partner"],
    ["social_media", "社交媒体", "Social media"],
    ["other", "其他", "Other"],
  ]),
});

export const customerLifecycleStage = defineOptionList({
  key: "customer.lifecycleStage",
  defaults: seeds([
    ["lead", "线索", "Lead", "blue"],
    ["prospect", "潜在客户", "Prospect", "gold"],
    ["customer", "成交客户", "Customer", "green"],
    ["churned", "流失客户", "Churned"],
  ]),
});

/** Tags start empty; they are added by admins, or while tagging by users allowed to (module "tags"). */
export const customerTags = defineOptionList({ key: "customer.tags", defaults: [] });

/** The customer fields backed by a list, and the list of each. */
export const customerOptionFields = {
  industry: customerIndustry.key,
  size: customerSize.key,
  level: customerLevel.key,
  source: customerSource.key,
  lifecycleStage: customerLifecycleStage.key,
  tags: customerTags.key,
} as const;
