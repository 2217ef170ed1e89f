import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, PASSWORD, type TestContext } from "../../../test/harness.ts";
import { createOrganization } from "../../modules/organizations/service.ts";
import { BackupError } from "./format.ts";
import { restoreBackup, writeBackup } from "./index.ts";
import { rewriteBackup, snapshot, temporaryDirectory } from "./test-support.ts";

let source: TestContext;
let target: TestContext;
let before: Record<string, string[]>;
const dir = temporaryDirectory();
const good = path.join(dir, "good.rapport.gz");
const at = (name: string) => path.join(dir, name);
const written = (name: string, content: string | Buffer) => {
  fs.writeFileSync(at(name), content);
  return at(name);
};

async function addOrganization(ctx: TestContext, name: string, email: string) {
  await ctx.handle.db.transaction((tx) =>
    createOrganization(tx, {
      name,
      locale: "en",
      baseCurrency: "USD",
      timeZone: "UTC",
      admin: { name, email, password: PASSWORD },
    }),
  );
}

beforeAll(async () => {
  source = await createTestContext();
  await addOrganization(source, "Source", "admin@source.test");
  const admin = await source.signIn("admin@source.test", PASSWORD);
  for (const name of ["Alpha", "Beta", "Gamma"]) await admin.post("/api/v1/customers", { name });
  await writeBackup(source.handle, good);
  target = await createTestContext();
  await addOrganization(target, "Target", "admin@target.test");
  before = await snapshot(target.handle);
});
afterAll(async () => {
  await source.close();
  await target.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const bytes = () => fs.readFileSync(good);
const header = (lines: string[]) => JSON.parse(lines[0] ?? "{}") as Record<string, unknown>;
const withHeader = (lines: string[], change: Record<string, unknown>) => [
  JSON.stringify({ ...header(lines), ...change }),
  ...lines.slice(1),
];

/** Each makes a bad file and names what the refusal must say. */
const badFiles: [string, () => string, RegExp][] = [
  ["a missing file", () => at("missing.gz"), /no such file/],
  ["an empty file", () => written("empty.gz", ""), /not a Rapport backup|cut short/],
  ["a plain text file", () => written("notes.txt", "hello\nworld\n"), /not a readable/],
  [
    "a gzip of some other JSON",
    () => written("other.json.gz", zlib.gzipSync('{"hello":"world"}\n{"rows":{}}\n')),
    /not a Rapport backup/,
  ],
  [
    "a truncated file",
    () => written("cut.gz", bytes().subarray(0, bytes().length / 2)),
    /cut short|damaged|not a readable/,
  ],
  [
    "a file with one byte flipped",
    () => {
      const flipped = Buffer.from(bytes());
      const middle = Math.floor(flipped.length / 2);
      flipped[middle] = (flipped[middle] ?? 0) ^ 0x01;
      return written("flipped.gz", flipped);
    },
    /damaged|not a readable|not a Rapport backup/,
  ],
  [
    "a row edited after the backup",
    () =>
      rewriteBackup(good, at("edited.gz"), (lines) => lines.map((l) => l.replace('"name": "Beta"', '"name": "Bet4"'))),
    /checksum does not match/,
  ],
  [
    "a file without its footer",
    () => rewriteBackup(good, at("nofooter.gz"), (lines) => lines.slice(0, -1)),
    /footer is missing/,
  ],
  [
    "a file that lost a row (checksum refitted)",
    () =>
      rewriteBackup(good, at("lostrow.gz"), (lines) => lines.filter((l) => !l.includes('"name": "Gamma"')), {
        rehash: true,
      }),
    /customers should have 3 rows, the file holds 2/,
  ],
  [
    "a backup from another schema version",
    () => rewriteBackup(good, at("version.gz"), (lines) => withHeader(lines, { migrations: 1 }), { rehash: true }),
    /had 1 migrations; this one has \d+/,
  ],
  [
    "a backup with tables this database does not have",
    () =>
      rewriteBackup(
        good,
        at("tables.gz"),
        (lines) => withHeader(lines, { tables: [...(header(lines).tables as string[]), "invoices"] }),
        { rehash: true },
      ),
    /holds the tables/,
  ],
  [
    "another format version",
    () => rewriteBackup(good, at("format.gz"), (lines) => withHeader(lines, { formatVersion: 2 }), { rehash: true }),
    /not a Rapport backup/,
  ],
];

describe("restore refuses a file it cannot trust, before changing anything", () => {
  it("restores the good file into a scratch database (so the refusals below are about the damage)", async () => {
    const scratch = await createTestContext();
    try {
      await expect(restoreBackup(scratch.handle, good)).resolves.toMatchObject({ rows: expect.any(Number) });
    } finally {
      await scratch.close();
    }
  });

  it.each(badFiles)("refuses %s", async (_what, make, message) => {
    const error = await restoreBackup(target.handle, make()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect((error as BackupError).message).toMatch(message);
    expect(await snapshot(target.handle)).toEqual(before);
  });

  it("rolls everything back when the database rejects a row half way", async () => {
    // A valid file whose last customer belongs to an organization that does not exist.
    const orphan = rewriteBackup(
      good,
      at("orphan.gz"),
      (lines) => {
        const last = lines.findLastIndex((l) => l.startsWith('{"t":"customers"'));
        return lines.map((l, i) =>
          i === last
            ? l.replace(/"organization_id": "[^"]+"/, '"organization_id": "00000000-0000-7000-8000-000000000000"')
            : l,
        );
      },
      { rehash: true },
    );
    await expect(restoreBackup(target.handle, orphan)).rejects.toThrow();
    expect(await snapshot(target.handle)).toEqual(before);
  });
});
