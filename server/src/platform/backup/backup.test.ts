import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, openTestDatabase, PASSWORD, type TestContext } from "../../../test/harness.ts";
import { buildApp } from "../../app.ts";
import { loadDemoData } from "../../modules/demo/service.ts";
import { createOrganization } from "../../modules/organizations/service.ts";
import { type DatabaseHandle, openEmbedded, queryRows } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { insertionOrder, planRestore, readCatalog } from "./catalog.ts";
import { restoreBackup, writeBackup } from "./index.ts";
import { rowCount, snapshot, temporaryDirectory } from "./test-support.ts";

let source: TestContext;
const dir = temporaryDirectory();
const file = path.join(dir, "source.rapport.gz");

/** Text that breaks naive line formats and encoders. */
const awkward = 'He said "hi"\\n, then left.\nLine two\r\n\ttab \u2028 sep 😀 中文 \\u0000 not a NUL';

/** An organization with demo data, a signed-in session, an API key and customers with awkward text. */
async function fillSource(handle: DatabaseHandle): Promise<void> {
  await handle.db.transaction(async (tx) => {
    const created = await createOrganization(tx, {
      name: "示例公司 Demo Co.",
      locale: "zh-CN",
      baseCurrency: "CNY",
      timeZone: "Asia/Shanghai",
      admin: { name: "管理员", email: "admin@demo.test", password: PASSWORD },
    });
    await loadDemoData(tx, created);
    await tx.execute(sql`update customers set notes = ${awkward}, tags = array['引号"', 'back\\slash', '{braces}', 'a,b']
                         where id = (select id from customers order by id limit 1)`);
    await tx.execute(sql`update customers set address = ${JSON.stringify({ street: awkward, n: 1.5e300 })}::jsonb
                         where id = (select id from customers order by id desc limit 1)`);
  });
}

beforeAll(async () => {
  source = await createTestContext();
  await fillSource(source.handle);
  await source.signIn("admin@demo.test", PASSWORD);
  await writeBackup(source.handle, file);
});
afterAll(async () => {
  await source.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("writes one gzip'd file and nothing else", () => {
    expect(fs.readdirSync(dir)).toEqual(["source.rapport.gz"]);
    expect(fs.readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });

  it("restores into a database holding other data, leaving exactly the backup's data", async () => {
    const target = await createTestContext();
    try {
      await target.handle.db.transaction((tx) =>
        createOrganization(tx, {
          name: "Other",
          locale: "en",
          baseCurrency: "USD",
          timeZone: "UTC",
          admin: { name: "Other", email: "other@other.test", password: PASSWORD },
        }),
      );
      const expected = await snapshot(source.handle);
      expect(rowCount(expected)).toBeGreaterThan(400);
      const summary = await restoreBackup(target.handle, file);
      expect(summary.rows).toBe(rowCount(expected));
      expect(await snapshot(target.handle)).toEqual(expected);
      // The restored install works: its admin signs in, the other organization's admin no longer exists.
      await target.signIn("admin@demo.test", PASSWORD);
      await expect(target.signIn("other@other.test", PASSWORD)).rejects.toThrow(/401/);
      // Restoring again over the same data gives the same again.
      await restoreBackup(target.handle, file);
      expect(await snapshot(target.handle)).toEqual(expected);
    } finally {
      await target.close();
    }
  });

  it("orders tables parents first and defers only the references of the users/departments cycle", async () => {
    const catalog = await readCatalog(source.handle.db);
    const order = insertionOrder(catalog);
    expect(order[0] === "organizations" || !catalog.get(order[0] ?? "")?.foreignKeys.length).toBe(true);
    const planned = planRestore(catalog, order);
    if ("problem" in planned) throw new Error(planned.problem);
    const deferred = planned.plans.flatMap((p) => p.deferredColumns.map((c) => `${p.table.name}.${c}`));
    expect(deferred.sort()).toEqual(["departments.manager_id", "departments.parent_id", "users.manager_id"]);
    expect(order.indexOf("customers")).toBeGreaterThan(order.indexOf("users"));
    expect(order.indexOf("user_roles")).toBeGreaterThan(order.indexOf("roles"));
  });

  it("refuses to plan an order whose required references point forward", () => {
    const table = (name: string, references: string) => ({
      name,
      insertableColumns: ["id", "other_id"],
      primaryKey: ["id"],
      foreignKeys: [{ columns: ["other_id"], references, nullable: false }],
    });
    const catalog = new Map([
      ["a", table("a", "b")],
      ["b", table("b", "a")],
    ]);
    const planned = planRestore(catalog, insertionOrder(catalog));
    expect("problem" in planned && planned.problem).toMatch(/must refer to/);
  });

  it("keeps identity ids, recomputes generated columns, resolves forward self-references across batches", async () => {
    const probe = `create table public.backup_probe (
      id int generated always as identity primary key,
      parent_id int references public.backup_probe (id),
      label text not null,
      label_length int generated always as (length(label)) stored)`;
    const from = await openTestDatabase();
    const to = await openTestDatabase();
    try {
      for (const db of [from.db, to.db]) await db.execute(sql.raw(probe));
      // Each row's parent is the next row: in the file, children come before their parents.
      await from.db.execute(sql`insert into backup_probe (label, parent_id)
        select 'row ' || i, case when i < 2500 then i + 1 end from generate_series(1, 2500) i`);
      const probeFile = path.join(dir, "probe.rapport.gz");
      await writeBackup(from, probeFile);
      await restoreBackup(to, probeFile);
      expect(await snapshot(to)).toEqual(await snapshot(from));
      const [next] = await queryRows<{ id: number }>(
        to.db,
        sql`insert into backup_probe (label) values ('after restore') returning id`,
      );
      expect(next?.id).toBe(2501);
    } finally {
      await from.drop();
      await to.drop();
    }
  });

  // Registered only where a PostgreSQL server is given (CI runs the suite in both modes).
  const acrossEngines = process.env.TEST_DATABASE_URL ? it : null;
  acrossEngines?.(
    "moves data from embedded to PostgreSQL and back",
    async () => {
      const embedded = await openEmbedded("memory://");
      const server = await openTestDatabase();
      try {
        await migrateDatabase(embedded);
        await fillSource(embedded);
        const expected = await snapshot(embedded);
        const there = path.join(dir, "embedded.rapport.gz");
        await writeBackup(embedded, there);
        await restoreBackup(server, there);
        expect(await snapshot(server)).toEqual(expected);

        await server.db.execute(sql`delete from sessions`);
        const back = path.join(dir, "server.rapport.gz");
        await writeBackup(server, back);
        await restoreBackup(embedded, back);
        expect(await snapshot(embedded)).toEqual(await snapshot(server));
        const app = await buildApp({ db: embedded.db });
        const login = await app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { email: "admin@demo.test", password: PASSWORD },
        });
        await app.close();
        expect(login.statusCode).toBe(200);
      } finally {
        await embedded.close();
        await server.drop();
      }
    },
    120_000,
  );
});
