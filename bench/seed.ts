// Seeds a benchmark organization: the app's own createOrganization for the admin, then people and
// customers with set-based SQL, so 100,000 customers take seconds on PostgreSQL and on PGlite.
import { sql } from "drizzle-orm";
import { createApiKey } from "../server/src/modules/auth/api-keys.routes.ts";
import { createOrganization } from "../server/src/modules/organizations/service.ts";
import { type DatabaseHandle, queryRows } from "../server/src/platform/db/client.ts";
import type { Actor } from "../server/src/platform/permissions.ts";
import { insertBusyCustomer, insertContacts } from "./seed-related.ts";

export type Seeded = {
  organizationId: string;
  adminId: string;
  adminKey: string;
  /** A 销售经理 (own and subordinates scope) with five reps reporting to them. */
  managerId: string;
  managerKey: string;
  /** Random live customer ids, for the get scenario. */
  sampleIds: string[];
  /** A customer with 1,000 timeline entries, for the timeline scenario. */
  busyCustomerId: string;
  customers: number;
  contacts: number;
  seconds: number;
};

/** Word lists: seeded names mix Chinese and English, as a Chinese CRM's customers do. */
const words = (text: string, separator = " ") => text.split(separator);
const cities = words("北京 上海 深圳 杭州 广州 成都 南京 武汉 苏州 西安 天津 重庆 青岛 厦门 长沙 宁波");
const hanzi =
  "华信瑞达天成恒通金石博远宏图嘉禾盛世新元中科安泰永丰联创东方海润德隆鑫源光明高峰星辰汇智云帆凯旋长江".split("");
const zhSuffixes = words(
  "科技有限公司 贸易有限公司 制造有限公司 信息技术有限公司 实业有限公司 物流有限公司 咨询有限公司 电子有限公司 医疗器械有限公司 集团",
);
const adjectives = words(
  "Blue,North,Silver,Bright,Green,Golden,Rapid,Pacific,Summit,Crystal,Red,Global,Prime,Urban,Swift,Noble,Atlas,Royal,Vertex,Evergreen",
  ",",
);
const nouns = words(
  "River,Wind,Stone,Harbor,Bridge,Peak,Forest,Ocean,Falcon,Lion,Maple,Orbit,Signal,Anchor,Beacon,Cedar,Delta,Ember,Garden,Horizon",
  ",",
);
const enSuffixes = words(
  "Technologies,Trading Ltd,Manufacturing,Logistics,Consulting,Holdings,Systems,Foods,Medical,Partners",
  ",",
);
const industries = words(
  "technology manufacturing retail finance healthcare education real_estate professional_services logistics energy media government other",
);
const sizes = ["1-10", "11-50", "51-200", "201-1000", "1001+"];
const sources = ["website", "referral", "event", "advertising", "cold_call", "partner", "social_media", "other"];
const stages = ["lead", "prospect", "customer", "churned"];
const repNames = words(
  "张伟,王芳,李娜,刘洋,陈静,杨磊,赵敏,黄强,周杰,吴倩,Emma Li,James Wang,Olivia Chen,Lucas Zhang,Sophia Liu,Noah Zhao",
  ",",
);

/** A SQL text[] literal: these lists are ours, so quoting doubles single quotes only. */
const arr = (items: string[]) =>
  sql.raw(`array[${items.map((s) => `'${s.replaceAll("'", "''")}'`).join(",")}]::text[]`);
/** Element of a list picked by a hash: h is a bigint expression in 0..2^32. */
const pick = (items: string[], h: string) =>
  sql`(${arr(items)})[(1 + (${sql.raw(h)}) % ${sql.raw(String(items.length))})::int]`;

export async function seed(handle: DatabaseHandle, customers: number, contactsPerCustomer: number): Promise<Seeded> {
  const started = performance.now();
  const db = handle.db;
  const org = await db.transaction((tx) =>
    createOrganization(tx, {
      name: "Bench Trading 基准贸易",
      locale: "zh-CN",
      baseCurrency: "CNY",
      timeZone: "Asia/Shanghai",
      admin: { name: "Bench Admin", email: "bench-admin@example.com", password: "bench-password-1" },
    }),
  );
  const orgId = org.organization.id;
  const roleId = (scope: string) => org.roles.find((r) => r.permissions.customers?.scope === scope)?.id ?? null;
  const admin: Actor = {
    organizationId: orgId,
    userId: org.admin.id,
    isAdmin: true,
    departmentId: org.headOfficeId,
    grants: {},
  };

  // Three regional departments under head office, a manager, and the reps (five report to the manager).
  await db.execute(sql`insert into departments (id, organization_id, name, parent_id)
    select gen_random_uuid(), ${orgId}, d, ${org.headOfficeId} from unnest(array['华东', '华北', '华南']) d`);
  const [manager] = await queryRows<{ id: string }>(
    db,
    sql`insert into users
      (id, organization_id, name, email, password_hash, department_id)
    select gen_random_uuid(), ${orgId}, '李经理', 'bench-manager@example.com', password_hash, department_id
    from users where id = ${org.admin.id} returning id`,
  );
  if (!manager) throw new Error("manager insert returned no row");
  await db.execute(sql`insert into users (id, organization_id, name, email, password_hash, department_id, manager_id)
    select gen_random_uuid(), ${orgId}, n.name, 'bench-rep-' || n.i || '@example.com', a.password_hash,
      (select id from departments where organization_id = ${orgId} and parent_id is not null order by name offset n.i % 3 limit 1),
      case when n.i <= 5 then ${manager.id}::uuid end
    from unnest(${arr(repNames)}) with ordinality as n(name, i), users a where a.id = ${org.admin.id}`);
  await db.execute(sql`insert into user_roles (organization_id, user_id, role_id)
    select ${orgId}, id, case when id = ${manager.id} then ${roleId("subordinates")}::uuid else ${roleId("own")}::uuid end
    from users where organization_id = ${orgId} and not is_admin`);

  await insertCustomers(handle, orgId, customers);
  const contacts = await insertContacts(handle, orgId, contactsPerCustomer);
  const [busy] = await queryRows<{ id: string }>(
    db,
    sql`select id from customers where organization_id = ${orgId} and deleted_at is null order by md5(id::text) desc limit 1`,
  );
  if (!busy) throw new Error("no customer to make busy");
  await insertBusyCustomer(handle, orgId, busy.id);
  await db.execute(sql`vacuum analyze`);

  const adminKey = (await createApiKey(db, admin, "bench", null)).key;
  const managerKey = (await createApiKey(db, { ...admin, userId: manager.id, isAdmin: false }, "bench manager", null))
    .key;
  const sample = await queryRows<{ id: string }>(
    db,
    sql`select id from customers where organization_id = ${orgId} and deleted_at is null order by md5(id::text) limit 2000`,
  );
  return {
    organizationId: orgId,
    adminId: org.admin.id,
    adminKey,
    managerId: manager.id,
    managerKey,
    sampleIds: sample.map((r) => r.id),
    busyCustomerId: busy.id,
    customers,
    contacts,
    seconds: (performance.now() - started) / 1000,
  };
}

/** One INSERT … SELECT over generate_series; hashes of i make it varied but the same on every run. */
async function insertCustomers(handle: DatabaseHandle, orgId: string, count: number): Promise<void> {
  const zhName = sql`${pick(cities, "h1 / 7")} || ${pick(hanzi, "h2 / 3")} || ${pick(hanzi, "h3 / 11")} || ${pick(zhSuffixes, "h4 / 5")}`;
  const enName = sql`${pick(adjectives, "h1 / 7")} || ' ' || ${pick(nouns, "h2 / 3")} || ' ' || ${pick(enSuffixes, "h4 / 5")}`;
  // Batches keep one statement's memory modest on PGlite.
  const batch = 25_000;
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    await handle.db.execute(sql`
      with people as (
        select array_agg(id order by email) as ids, array_agg(department_id order by email) as deps, count(*)::int as n
        from users where organization_id = ${orgId}
      ),
      g as (
        select i, zh, h1, h2, h3, h4, h5, created,
          created + (now() - created) * ((h5 % 1000) / 1000.0) as updated
        from generate_series(${from}::int, ${to}::int) i,
          lateral (select hashint4(i)::bigint + 2147483648 as h1, hashint4(i + 7919)::bigint + 2147483648 as h2,
            hashint4(i * 31)::bigint + 2147483648 as h3, hashint4(i * 131 + 17)::bigint + 2147483648 as h4,
            hashint4(i * 257 + 3)::bigint + 2147483648 as h5) h,
          lateral (select (h3 % 100) < 60 as zh,
            date_trunc('milliseconds', now() - make_interval(secs => (h1 % (3 * 365 * 86400))::double precision)) as created) c
      )
      insert into customers (id, organization_id, version, created_at, updated_at, name, kind, industry, size, level,
        source, lifecycle_stage, tags, phone, email, website, address, owner_id, department_id, created_by, deleted_at)
      select
        (lpad(to_hex((extract(epoch from created) * 1000)::bigint), 12, '0') || '7' || substr(md5(i::text), 1, 3)
          || '8' || substr(md5(i::text), 4, 15))::uuid,
        ${orgId}, 1 + h2 % 4, created, date_trunc('milliseconds', updated),
        case when zh then ${zhName} else ${enName} end,
        case when h5 % 10 = 0 then 'person' else 'company' end,
        ${pick(industries, "h2")}, ${pick(sizes, "h3")},
        case when h4 % 100 < 15 then 'A' when h4 % 100 < 45 then 'B' when h4 % 100 < 80 then 'C' else 'D' end,
        ${pick(sources, "h5")}, ${pick(stages, "h1 / 13")},
        array_remove(array[case when h1 % 5 = 0 then '重点' end, case when h2 % 7 = 0 then 'VIP' end,
          case when h3 % 9 = 0 then 'key-account' end, case when h4 % 11 = 0 then '续约' end], null),
        '1' || (3 + h2 % 7)::text || lpad((h1 % 1000000000)::text, 9, '0'),
        case when zh then 'contact' || i || '@example.cn' else lower(${pick(nouns, "h2 / 3")}) || i || '@example.com' end,
        case when h5 % 3 = 0 then null else 'www.company' || i || '.com' end,
        jsonb_build_object('country', 'CN', 'city', ${pick(cities, "h1 / 7")}),
        people.ids[(1 + h3 % people.n)::int], people.deps[(1 + h3 % people.n)::int], people.ids[(1 + h3 % people.n)::int],
        case when h5 % 50 = 0 then updated end
      from g, people`);
  }
}
