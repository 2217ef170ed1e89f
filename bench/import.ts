// Import benchmark: a 100,000-row customer CSV through the import pipeline (upload, dry run, the
// durable job's run with duplicate checking against 100,000 existing customers), beside PostgreSQL
// COPY of the same rows into the same table as the limit. Run: node_modules/.bin/node bench/import.ts
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { runBatch } from "../server/src/modules/imports/run.ts";
import { dryRun, startRun, uploadFile } from "../server/src/modules/imports/service.ts";
import { createOrganization } from "../server/src/modules/organizations/service.ts";
import { actorOfUser } from "../server/src/platform/auth/actor.ts";
import { openPostgres, queryRows } from "../server/src/platform/db/client.ts";
import { migrateDatabase } from "../server/src/platform/db/migrate.ts";

const ROWS = Number(process.env.IMPORT_ROWS ?? 100_000);
const EXISTING = Number(process.env.IMPORT_EXISTING ?? 100_000);
const DUPLICATE_SHARE = 0.05;
const url = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = "rapport_bench_import";
const withDb = (name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

const cities = "北京 上海 深圳 杭州 广州 成都 南京 武汉".split(" ");
const levels = ["A", "B", "C", "D"];
const industries = ["technology", "manufacturing", "retail", "finance", "logistics"];

/** The file a user would bring: Chinese headers, a few duplicates of existing customers by e-mail. */
function makeCsv(): string {
  const lines = ["客户名称,电话,邮箱,行业,级别,城市,备注"];
  for (let i = 0; i < ROWS; i++) {
    const dup = i % Math.round(1 / DUPLICATE_SHARE) === 0 && i / 20 < EXISTING;
    // Each company its own web domain, as in real data (a shared domain is one company to the rules).
    const email = dup ? `info@existing${i / 20}.example` : `info@import${i}.example`;
    lines.push(
      [
        `导入客户${i} Import ${i} 有限公司`,
        `+86 21 ${String(10_000_000 + i).slice(0, 4)} ${String(i).padStart(4, "0")}`,
        email,
        industries[i % industries.length],
        levels[i % levels.length],
        cities[i % cities.length],
        i % 1000 === 0 ? "=1+1" : "批量导入",
      ].join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

async function main() {
  const admin = await openPostgres(url, 1);
  await admin.db.execute(sql.raw(`drop database if exists ${dbName} with (force)`));
  await admin.db.execute(sql.raw(`create database ${dbName}`));
  const handle = await openPostgres(withDb(dbName), 5);
  const { db } = handle;
  try {
    await migrateDatabase(handle);
    const org = await db.transaction((tx) =>
      createOrganization(tx, {
        name: "Import Bench",
        locale: "zh-CN",
        baseCurrency: "CNY",
        timeZone: "Asia/Shanghai",
        admin: { name: "Bench Admin", email: "import-bench@example.com", password: "bench-password-1" },
      }),
    );
    const orgId = org.organization.id;
    await db.execute(sql`insert into customers (id, organization_id, name, email, phone, owner_id)
      select gen_random_uuid(), ${orgId}, '已有客户' || g, 'info@existing' || g || '.example',
             '+86 10 ' || lpad(g::text, 8, '0'), ${org.admin.id}
      from generate_series(0, ${EXISTING - 1}) g`);
    await db.execute(sql`vacuum analyze customers`);
    const actor = await actorOfUser(db, org.admin.id);
    if (!actor) throw new Error("no actor");

    const file = Buffer.from(makeCsv());
    let t = process.hrtime.bigint();
    const uploaded = await uploadFile(db, actor, {
      objectType: "customer",
      fileName: "bench.csv",
      encoding: "auto",
      file,
    });
    const uploadS = seconds(t);
    const options = { duplicates: "skip" as const, validOnly: true };
    t = process.hrtime.bigint();
    // In the language of the organization's users, as their browser asks for it.
    const checked = await dryRun(db, actor, uploaded.batch.id, uploaded.suggestedMapping, options, "zh-CN");
    const dryRunS = seconds(t);
    await startRun(db, actor, uploaded.batch.id, uploaded.suggestedMapping, options, "zh-CN");
    t = process.hrtime.bigint();
    await runBatch(db, uploaded.batch.id);
    const runS = seconds(t);
    const [batch] = await queryRows<Record<string, number | string>>(
      db,
      sql`select status, created_count, skipped_count, error_count from import_batches where id = ${uploaded.batch.id}`,
    );

    // The limit: the same rows, COPY'd straight into the same table (same indexes), then rolled back.
    const copyFile = path.join(os.tmpdir(), "rapport-import-bench.csv");
    const rows = file.toString("utf8").slice(1).trim().split("\r\n").slice(1);
    fs.writeFileSync(
      copyFile,
      rows
        .map((line) => `${randomUUID()},${line.split(",").slice(0, 5).join(",")},${orgId},${org.admin.id}`)
        .join("\n"),
    );
    fs.chmodSync(copyFile, 0o644);
    t = process.hrtime.bigint();
    await db
      .transaction(async (tx) => {
        await tx.execute(
          sql.raw(`copy customers (id, name, phone, email, industry, level, organization_id, owner_id)
                   from '${copyFile}' with (format csv)`),
        );
        throw new Error("rollback");
      })
      .catch((e: Error) => {
        if (e.message !== "rollback") throw e;
      });
    const copyS = seconds(t);
    // The same COPY into a bare table of the same columns: what the table's indexes cost.
    await db.execute(sql`create table customers_bare (like customers including defaults)`);
    t = process.hrtime.bigint();
    await db.execute(
      sql.raw(`copy customers_bare (id, name, phone, email, industry, level, organization_id, owner_id)
               from '${copyFile}' with (format csv)`),
    );
    const bareCopyS = seconds(t);
    const [indexes] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from pg_indexes where tablename = 'customers'`,
    );
    fs.rmSync(copyFile);

    const result = {
      rows: ROWS,
      existing: EXISTING,
      batch,
      uploadSeconds: uploadS,
      dryRunSeconds: dryRunS,
      dryRun: { create: checked.create, skip: checked.skip, error: checked.error },
      runSeconds: runS,
      importRowsPerSecond: Math.round(ROWS / runS),
      copySeconds: copyS,
      copyRowsPerSecond: Math.round(ROWS / copyS),
      ratioToCopy: Number((copyS / runS).toFixed(3)),
      customersIndexes: indexes?.n,
      bareCopySeconds: bareCopyS,
      bareCopyRowsPerSecond: Math.round(ROWS / bareCopyS),
      pass: ROWS / runS >= 10_000,
    };
    console.log(JSON.stringify(result, null, 2));
    fs.mkdirSync("bench/results", { recursive: true });
    fs.writeFileSync("bench/results/import-latest.json", JSON.stringify(result, null, 2));
    process.exitCode = result.pass ? 0 : 1;
  } finally {
    await handle.close();
    await admin.db.execute(sql.raw(`drop database if exists ${dbName} with (force)`));
    await admin.close();
  }
}

await main();
