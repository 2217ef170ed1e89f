// Contacts for the global search scenario and one busy customer for the timeline scenario, seeded
// set-based like the customers (bench/seed.ts).
import { sql } from "drizzle-orm";
import { type DatabaseHandle, queryRows } from "../server/src/platform/db/client.ts";

const surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗".split("");
const givenNames = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰".split("");
const firstNames = "Emma,James,Olivia,Lucas,Sophia,Noah,Mia,Liam,Ava,Ethan,Grace,Henry,Chloe,Owen,Ruby".split(",");
const lastNames = "Smith,Brown,Taylor,Walker,Wright,Green,Hall,Wood,Clarke,King,Scott,Hill,Moore,Young".split(",");

const arr = (items: string[]) => sql.raw(`array[${items.map((s) => `'${s}'`).join(",")}]::text[]`);
const pick = (items: string[], h: string) =>
  sql`(${arr(items)})[(1 + (${sql.raw(h)}) % ${sql.raw(String(items.length))})::int]`;

/** `perCustomer` contacts for every live customer: Chinese or English names, a mobile, an email. */
export async function insertContacts(handle: DatabaseHandle, orgId: string, perCustomer: number): Promise<number> {
  const zhName = sql`${pick(surnames, "h1")} || ${pick(givenNames, "h2")} || case when h3 % 2 = 0 then ${pick(givenNames, "h3 / 2")} else '' end`;
  const enName = sql`${pick(firstNames, "h1")} || ' ' || ${pick(lastNames, "h2")}`;
  const [row] = await queryRows<{ n: number }>(
    handle.db,
    sql`with inserted as (
      insert into contacts (id, organization_id, created_at, updated_at, customer_id, name, title, phones, emails,
        is_primary, owner_id, department_id, created_by)
      select gen_random_uuid(), ${orgId}, c.created_at, c.updated_at, c.id,
        case when h3 % 5 < 3 then ${zhName} else ${enName} end,
        case when k = 1 then '总经理' else 'Purchasing manager' end,
        jsonb_build_array(jsonb_build_object('label', 'mobile',
          'number', '1' || (3 + h2 % 7)::text || ' ' || lpad((h1 % 10000)::text, 4, '0') || ' ' || lpad((h3 % 10000)::text, 4, '0'))),
        jsonb_build_array(jsonb_build_object('label', 'work', 'address', 'person' || h1 % 1000000 || '@example.net')),
        k = 1, c.owner_id, c.department_id, c.owner_id
      from customers c, generate_series(1, ${perCustomer}::int) k,
        lateral (select (hashtext(c.id::text || k))::bigint + 2147483648 as h1,
          (hashtext(k || c.id::text))::bigint + 2147483648 as h2,
          (hashtext(c.id::text || 'x' || k))::bigint + 2147483648 as h3) h
      where c.organization_id = ${orgId} and c.deleted_at is null
      returning 1)
    select count(*)::int as n from inserted`,
  );
  return row?.n ?? 0;
}

/**
 * Gives one customer a long history: 1,000 timeline entries (follow-ups, tasks and field changes)
 * spread over two years, so the timeline scenario reads the first page of a busy record.
 */
export async function insertBusyCustomer(handle: DatabaseHandle, orgId: string, customerId: string): Promise<void> {
  const db = handle.db;
  const spread = (n: string) => sql.raw(`now() - make_interval(hours => (${n}) * 17)`);
  await db.execute(sql`insert into follow_ups (id, organization_id, customer_id, kind, occurred_at, content, outcome,
      owner_id, department_id, created_by, created_at, updated_at)
    select gen_random_uuid(), ${orgId}, c.id, (array['call','meeting','visit','email','note'])[1 + i % 5],
      date_trunc('milliseconds', ${spread("i * 2")}), '跟进内容 follow-up ' || i, 'ok', c.owner_id, c.department_id,
      c.owner_id, ${spread("i * 2")}, ${spread("i * 2")}
    from customers c, generate_series(1, 500) i where c.id = ${customerId}`);
  await db.execute(sql`insert into tasks (id, organization_id, title, due_at, due_order, priority, status,
      related_type, related_id, owner_id, department_id, created_by, created_at, updated_at)
    select gen_random_uuid(), ${orgId}, '任务 task ' || i, ${spread("i * 4 + 1")}, ${spread("i * 4 + 1")}, 'normal',
      case when i % 3 = 0 then 'done' else 'open' end, 'customer', c.id, c.owner_id, c.department_id, c.owner_id,
      date_trunc('milliseconds', ${spread("i * 4 + 1")}), date_trunc('milliseconds', ${spread("i * 4 + 1")})
    from customers c, generate_series(1, 250) i where c.id = ${customerId}`);
  await db.execute(sql`insert into audit_log (id, organization_id, entity_type, entity_id, action, actor_id, at, changes)
    select gen_random_uuid(), ${orgId}, 'customer', c.id, 'update', c.owner_id,
      date_trunc('milliseconds', ${spread("i * 4 + 3")}),
      jsonb_build_array(jsonb_build_object('field', 'level', 'from', 'B', 'to', 'A'))
    from customers c, generate_series(1, 250) i where c.id = ${customerId}`);
}
