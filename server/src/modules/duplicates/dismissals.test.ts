import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  addOrganization,
  createTestContext,
  PASSWORD,
  setUpOrganization,
  type TestContext,
} from "../../../test/harness.ts";
import { queryRows } from "../../platform/db/client.ts";

type Group = {
  matches: { field: string; key: string }[];
  count: number;
  records: { id: string; name: string }[];
  recordIds: string[];
  dismissal: { ids: string[]; by: string | null; at: string } | null;
};
type Dismissal = { id: string; field: string; key: string; recordIds: string[]; by: string | null };
type ErrorBody = { error: { code: string; details: { path: string; message: string }[] } };

let ctx: TestContext;
let admin: ApiClient;
let organizationId: string;
/** Finder and customers "view" on their own records only. */
let rep: ApiClient;
let repId: string;
/** Customers on their own records, without the finder. */
let seller: ApiClient;

const customer = async (client: ApiClient, body: Record<string, unknown>) => {
  const res = await client.post<{ id: string; version: number }>("/api/v1/customers", body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const groups = async (client: ApiClient, dismissed = false, objectType = "customer") => {
  const res = await client.get<{ data: Group[] }>(
    `/api/v1/duplicates/groups?objectType=${objectType}&limit=100${dismissed ? "&dismissed=true" : ""}`,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
};
/** The group listing this key among its matches. */
const groupOf = async (client: ApiClient, field: string, key: string, dismissed = false) =>
  (await groups(client, dismissed)).find((g) => g.matches.some((m) => m.field === field && m.key === key));
const hasKey = (g: Group, field: string, key?: string) =>
  g.matches.some((m) => m.field === field && (key === undefined || m.key === key));
const dismiss = (client: ApiClient, body: Record<string, unknown>, objectType = "customer") =>
  client.post<{ data: Dismissal[] } & ErrorBody>(`/api/v1/duplicates/${objectType}/dismissals`, body);
/** One key's dismissal body, as the finder's group of that key alone gives it. */
const oneKey = (field: string, key: string, ids: string[], extra: Record<string, unknown> = {}) => ({
  matches: [{ field, key }],
  ids,
  ...extra,
});
const restore = (client: ApiClient, id: string, objectType = "customer") =>
  client.delete<ErrorBody>(`/api/v1/duplicates/${objectType}/dismissals/${id}`);
const dismissalRows = (key: string) =>
  queryRows<{ id: string; record_ids: string[] }>(
    ctx.handle.db,
    sql`select id, record_ids from duplicate_dismissals where organization_id = ${organizationId} and key = ${key}`,
  );

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin, organizationId } = await setUpOrganization(ctx));
  const addUser = async (email: string, permissions: Record<string, unknown>) => {
    const role = await admin.post<{ id: string }>("/api/v1/roles", { name: email, permissions });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const user = await admin.post<{ id: string }>("/api/v1/users", {
      name: email,
      email,
      password: PASSWORD,
      roleIds: [role.body.id],
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    return { id: user.body.id, client: await ctx.signIn(email, PASSWORD) };
  };
  const own = { customers: { actions: ["view", "create", "edit"], scope: "own" } };
  const finder = await addUser("rep@acme.test", { ...own, duplicates: { actions: ["view"], scope: "all" } });
  rep = finder.client;
  repId = finder.id;
  seller = (await addUser("seller@acme.test", own)).client;
});
afterAll(() => ctx.close());

describe("dismissing a finder group as not duplicates", () => {
  let a: { id: string; version: number };
  let b: { id: string; version: number };
  let group: Group;
  let key: string;

  it("hides the group from the finder, lists it among dismissed ones, and audits who did it", async () => {
    // Two branches sharing a switchboard number.
    a = await customer(admin, { name: "华为技术 深圳", phone: "0755-2878 0808" });
    b = await customer(admin, { name: "华为技术 上海", phone: "+86 755 2878 0808" });
    const found = (await groups(admin)).find((g) => hasKey(g, "phone") && g.recordIds.includes(a.id));
    if (!found) throw new Error("no phone group");
    group = found;
    // Different names, one number: a group by phone alone.
    expect(group.matches).toEqual([{ field: "phone", key: "75528780808" }]);
    key = "75528780808";
    expect(group.recordIds.sort()).toEqual([a.id, b.id].sort());
    expect(group.dismissal).toBeNull();

    const res = await dismiss(admin, oneKey("phone", key, group.recordIds));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data).toMatchObject([{ field: "phone", key, by: "Admin" }]);
    const dismissal = res.body.data[0]?.id;
    expect(await groupOf(admin, "phone", key)).toBeUndefined();
    const dismissed = await groupOf(admin, "phone", key, true);
    expect(dismissed).toMatchObject({ count: 2, dismissal: { ids: [dismissal], by: "Admin" } });
    expect(dismissed?.records.map((r) => r.name).sort()).toEqual(["华为技术 上海", "华为技术 深圳"]);

    const audit = await queryRows<{ action: string; actor_id: string; changes: { field: string; to: unknown }[] }>(
      ctx.handle.db,
      sql`select action, actor_id, changes from audit_log where entity_type = 'duplicateDismissal' and entity_id = ${dismissal}`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe("create");
    expect(audit[0]?.changes.find((c) => c.field === "records")?.to).toEqual(
      group.recordIds.map((id) => (id === a.id ? "华为技术 深圳" : "华为技术 上海")),
    );
  });

  it("is harmless twice: the same dismissal, one row, one audit entry", async () => {
    const again = await dismiss(admin, oneKey("phone", key, [b.id, a.id, b.id]));
    expect(again.status).toBe(201);
    const rows = await dismissalRows(key);
    expect(rows).toHaveLength(1);
    expect(again.body.data.map((d) => d.id)).toEqual([rows[0]?.id]);
    const audit = await queryRows<{ n: number }>(
      ctx.handle.db,
      sql`select count(*)::int as n from audit_log where entity_id = ${rows[0]?.id}`,
    );
    expect(audit[0]?.n).toBe(1);
  });

  it("brings the group back, with all its records, when a new record joins the key", async () => {
    const c = await customer(admin, { name: "华为技术 北京", phone: "075528780808" });
    const back = await groupOf(admin, "phone", key);
    expect(back?.count).toBe(3);
    expect(back?.recordIds.sort()).toEqual([a.id, b.id, c.id].sort());
    expect(await groupOf(admin, "phone", key, true)).toBeUndefined();
    // Dismissing it again takes the new record into the same dismissal.
    const res = await dismiss(admin, oneKey("phone", key, back?.recordIds ?? []));
    expect(res.status).toBe(201);
    expect(res.body.data[0]?.recordIds.sort()).toEqual([a.id, b.id, c.id].sort());
    expect(await dismissalRows(key)).toHaveLength(1);
    expect(await groupOf(admin, "phone", key)).toBeUndefined();

    // Merging records of a dismissed group still works; what is left stays dismissed.
    const merged = await admin.post("/api/v1/duplicates/merge", {
      objectType: "customer",
      survivor: { id: a.id, version: a.version },
      merged: [{ id: c.id, version: c.version }],
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(await groupOf(admin, "phone", key)).toBeUndefined();
    expect((await groupOf(admin, "phone", key, true))?.count).toBe(2);
  });

  it("is taken back by Restore: the group is listed again", async () => {
    const dismissed = await groupOf(admin, "phone", key, true);
    expect(dismissed?.dismissal?.ids).toHaveLength(1);
    const id = dismissed?.dismissal?.ids[0] ?? "";
    // Someone of another organization is told it does not exist.
    const other = await addOrganization(ctx, "Rival", "admin@rival.test");
    expect((await restore(other.admin, id)).status).toBe(404);
    // Nor is it a contact's.
    expect((await restore(admin, id, "contact")).status).toBe(404);

    expect((await restore(admin, id)).status).toBe(204);
    expect((await groupOf(admin, "phone", key))?.count).toBe(2);
    expect(await groupOf(admin, "phone", key, true)).toBeUndefined();
    expect(await dismissalRows(key)).toHaveLength(0);
    expect((await restore(admin, id)).status).toBe(404);
    const audit = await queryRows<{ action: string }>(
      ctx.handle.db,
      sql`select action from audit_log where entity_id = ${id} order by at, id`,
    );
    expect(audit.map((e) => e.action)).toEqual(["create", "update", "delete"]);
  });
});

describe("refusing a dismissal", () => {
  let a: { id: string };
  let b: { id: string };
  let other: { id: string };
  let key: string;

  beforeAll(async () => {
    a = await customer(admin, { name: "Lotus Trading", email: "sales@lotus-trading.cn" });
    b = await customer(admin, { name: "Lotus Logistics", email: "ops@lotus-trading.cn" });
    other = await customer(admin, { name: "Peony", email: "hi@peony.cn" });
    key = (await groups(admin)).find((g) => hasKey(g, "domain") && g.recordIds.includes(a.id))?.matches[0]?.key ?? "";
    expect(key).toBe("lotus-trading.cn");
  });

  const refused = async (body: Record<string, unknown>, status: number, path: string, objectType = "customer") => {
    const res = await dismiss(admin, body, objectType);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.details[0]?.path).toBe(path);
  };

  it("answers 400 naming the field for bad input, and changes nothing", async () => {
    await refused(oneKey("domain", key, [a.id, b.id]), 400, "objectType", "planet");
    await refused(oneKey("fax", key, [a.id, b.id]), 400, "matches.0.field");
    await refused(oneKey("domain", key, [a.id, b.id]), 400, "matches.0.field", "contact");
    await refused(oneKey("domain", "", [a.id, b.id]), 400, "matches.0.key");
    await refused(oneKey("domain", key, [a.id]), 400, "ids");
    await refused(oneKey("domain", key, [a.id, a.id]), 400, "ids");
    await refused(oneKey("domain", key, [a.id, "not-an-id"]), 400, "ids.1");
    await refused(oneKey("domain", key, [a.id, b.id], { extra: 1 }), 400, "extra");
    // Not in the group now: another key's record, a record that does not exist, the wrong key.
    await refused(oneKey("domain", key, [a.id, other.id, b.id]), 400, "ids.1");
    await refused(oneKey("domain", key, [a.id, "0190a000-0000-7000-8000-000000000000"]), 400, "ids.1");
    await refused(oneKey("domain", "peony.cn", [a.id, b.id]), 400, "ids.0");
    // A field whose rule is off (a contact's name, by default) makes no groups.
    await refused(oneKey("name", "x", [a.id, b.id]), 400, "matches.0.field", "contact");
    expect(await dismissalRows(key)).toHaveLength(0);
    expect(await groupOf(admin, "domain", key)).toBeDefined();
  });

  it("refuses a record in the trash, and a bad id to restore", async () => {
    const trashed = await customer(admin, { name: "Lotus Old", website: "lotus-trading.cn" });
    expect((await admin.delete(`/api/v1/customers/${trashed.id}`)).status).toBe(204);
    await refused(oneKey("domain", key, [a.id, b.id, trashed.id]), 400, "ids.2");
    const res = await restore(admin, "nope");
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]?.path).toBe("id");
  });

  it("is for those who may use the finder and edit the records", async () => {
    const res = await dismiss(seller, oneKey("domain", key, [a.id, b.id]));
    expect(res.status).toBe(403);
    expect((await seller.get("/api/v1/duplicates/groups?objectType=customer&dismissed=true")).status).toBe(403);
    // Looking is not judging: a dismissal hides the group from others too.
    const role = await admin.post<{ id: string }>("/api/v1/roles", {
      name: "Finder who only looks",
      permissions: { customers: { actions: ["view"], scope: "all" }, duplicates: { actions: ["view"], scope: "all" } },
    });
    await admin.post("/api/v1/users", {
      name: "Looker",
      email: "looker@acme.test",
      password: PASSWORD,
      roleIds: [role.body.id],
    });
    const looker = await ctx.signIn("looker@acme.test", PASSWORD);
    expect((await groups(looker)).length).toBeGreaterThan(0);
    expect((await dismiss(looker, oneKey("domain", key, [a.id, b.id]))).status).toBe(403);
  });

  it("names only records the caller can see, and hides a dismissal of theirs from no one else", async () => {
    // The rep sees their own two records of the key; the admin sees a third one too.
    const r1 = await customer(rep, { name: "Orchid East", phone: "13911112222", ownerId: repId });
    const r2 = await customer(rep, { name: "Orchid West", phone: "139 1111 2222", ownerId: repId });
    const mine = (await groups(rep)).find((g) => hasKey(g, "phone"));
    expect(mine?.recordIds.sort()).toEqual([r1.id, r2.id].sort());
    const phoneKey = mine?.matches[0]?.key ?? "";
    const theirs = await customer(admin, { name: "Orchid Admin", phone: "13911112222" });
    // A record outside the rep's scope cannot be named, even by its id.
    const outside = await dismiss(rep, oneKey("phone", phoneKey, [r1.id, theirs.id]));
    expect(outside.status).toBe(400);
    expect(outside.body.error.details.map((d) => d.path)).toEqual(["ids.1"]);

    expect((await dismiss(rep, oneKey("phone", phoneKey, [r1.id, r2.id]))).status).toBe(201);
    expect((await groups(rep)).find((g) => hasKey(g, "phone", phoneKey))).toBeUndefined();
    expect((await groups(rep, true)).find((g) => hasKey(g, "phone", phoneKey))?.dismissal?.by).toBe("rep@acme.test");
    // The admin sees a record the rep never judged: the group stays listed for them.
    expect((await groupOf(admin, "phone", phoneKey))?.count).toBe(3);
    // Once the admin judges it too, the rep's answer still names only the records the rep sees.
    const all = await dismiss(admin, oneKey("phone", phoneKey, [r1.id, r2.id, theirs.id]));
    expect(all.body.data[0]?.recordIds.sort()).toEqual([r1.id, r2.id, theirs.id].sort());
    const again = await dismiss(rep, oneKey("phone", phoneKey, [r1.id, r2.id]));
    expect(again.status).toBe(201);
    expect(again.body.data[0]?.recordIds.sort()).toEqual([r1.id, r2.id].sort());

    // A finder user who sees none of its records cannot take it back.
    const dismissal = (await dismissalRows(phoneKey))[0]?.id ?? "";
    const role = await admin.post<{ id: string }>("/api/v1/roles", {
      name: "Finder without records",
      permissions: {
        customers: { actions: ["view", "edit"], scope: "own" },
        duplicates: { actions: ["view"], scope: "all" },
      },
    });
    await admin.post("/api/v1/users", {
      name: "Nobody",
      email: "nobody@acme.test",
      password: PASSWORD,
      roleIds: [role.body.id],
    });
    const nobody = await ctx.signIn("nobody@acme.test", PASSWORD);
    expect((await restore(nobody, dismissal)).status).toBe(404);
    expect((await restore(rep, dismissal)).status).toBe(204);
  });
  it("takes leave to change every record named: one shared with the caller read-only is not theirs to judge", async () => {
    const own = await customer(rep, { name: "Magnolia North", email: "buy@magnolia.cn", ownerId: repId });
    const shared = await customer(admin, { name: "Magnolia South", email: "sell@magnolia.cn" });
    const members = `/api/v1/customers/${shared.id}/members/${repId}`;
    expect((await admin.request("PUT", members, { access: "read" })).status).toBe(200);
    const group = (await groups(rep)).find((g) => hasKey(g, "domain", "magnolia.cn"));
    expect(group?.recordIds.sort()).toEqual([own.id, shared.id].sort());

    const res = await dismiss(rep, oneKey("domain", "magnolia.cn", [own.id, shared.id]));
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(res.body.error.details.map((d) => d.path)).toEqual(["ids.1"]);
    expect(await dismissalRows("magnolia.cn")).toHaveLength(0);
    expect((await groups(admin)).find((g) => hasKey(g, "domain", "magnolia.cn"))?.count).toBe(2);

    // Shared read-write, it is theirs to judge.
    expect((await admin.request("PUT", members, { access: "write" })).status).toBe(200);
    expect((await dismiss(rep, oneKey("domain", "magnolia.cn", [own.id, shared.id]))).status).toBe(201);
  });
  it("takes leave to change one of its records to take a dismissal back", async () => {
    const one = await customer(admin, { name: "Lotus One", email: "a@lotus.cn" });
    const two = await customer(admin, { name: "Lotus Two", email: "b@lotus.cn" });
    const judged = await dismiss(admin, oneKey("domain", "lotus.cn", [one.id, two.id]));
    expect(judged.status).toBe(201);
    const members = `/api/v1/customers/${one.id}/members/${repId}`;
    expect((await admin.request("PUT", members, { access: "read" })).status).toBe(200);
    expect((await restore(rep, judged.body.data[0]?.id ?? "")).status).toBe(403);
    expect(await dismissalRows("lotus.cn")).toHaveLength(1);

    expect((await admin.request("PUT", members, { access: "write" })).status).toBe(200);
    expect((await restore(rep, judged.body.data[0]?.id ?? "")).status).toBe(204);
    expect(await dismissalRows("lotus.cn")).toHaveLength(0);
  });
});

describe("a group sharing several keys", () => {
  let pair: { id: string }[];
  let group: Group;
  const both = [
    { field: "name", key: "jadeteahouse" },
    { field: "phone", key: "57187023456" },
  ];
  const restoreAll = (client: ApiClient, ids: string[]) =>
    client.post<ErrorBody>("/api/v1/duplicates/customer/dismissals/restore", { ids });
  const auditOf = (ids: string[]) =>
    queryRows<{ action: string; entity_id: string }>(
      ctx.handle.db,
      sql`select action, entity_id from audit_log where entity_type = 'duplicateDismissal'
          and entity_id = any(${`{${ids.join(",")}}`}::uuid[]) order by at, id`,
    );

  beforeAll(async () => {
    pair = [
      await customer(admin, { name: "Jade Tea House", phone: "0571-8702 3456" }),
      await customer(admin, { name: "Jade Tea House Ltd.", phone: "+86 571 8702 3456" }),
    ];
    const found = await groupOf(admin, "name", "jadeteahouse");
    if (!found) throw new Error("no group");
    group = found;
  });

  it("is one group listing both keys", async () => {
    expect(group.matches).toEqual(both);
    expect(group.recordIds).toEqual(pair.map((r) => r.id));
    expect((await groupOf(admin, "phone", "57187023456"))?.matches).toEqual(both);
    expect((await groups(admin)).filter((g) => g.recordIds.includes(pair[0]?.id ?? ""))).toHaveLength(1);
  });

  it("refuses bad input naming the field, and changes nothing", async () => {
    const refused = async (body: Record<string, unknown>, path: string) => {
      const res = await dismiss(admin, body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.details[0]?.path).toBe(path);
    };
    const ids = group.recordIds;
    await refused({ matches: [both[0], { field: "fax", key: "x" }], ids }, "matches.1.field");
    await refused({ matches: [both[0], { field: "phone" }], ids }, "matches.1.key");
    await refused({ matches: [], ids }, "matches");
    await refused({ ids }, "matches");
    await refused({ matches: both }, "ids");
    await refused({ matches: both, ids: [] }, "ids");
    // A key the records do not all hold: the group is not what the caller saw.
    const stray = await customer(admin, { name: "Jade Tea House Hangzhou", phone: "0571-1111 2222" });
    await refused({ matches: both, ids: [...ids, stray.id] }, "ids.2");
    expect((await admin.delete(`/api/v1/customers/${stray.id}`)).status).toBe(204);
    // A field whose rule is off, second: nothing of the first key is dismissed either.
    const rules = (
      await admin.get<{ data: { id: string; field: string; version: number }[] }>(
        "/api/v1/duplicate-rules?objectType=customer",
      )
    ).body.data;
    const email = rules.find((r) => r.field === "email");
    if (!email) throw new Error("no email rule");
    const off = await admin.patch<{ version: number }>(`/api/v1/duplicate-rules/${email.id}`, {
      version: email.version,
      active: false,
    });
    expect(off.status).toBe(200);
    await refused({ matches: [both[0], { field: "email", key: "a@b.cn" }], ids }, "matches.1.field");
    await admin.patch(`/api/v1/duplicate-rules/${email.id}`, { version: off.body.version, active: true });

    expect(await dismissalRows("jadeteahouse")).toHaveLength(0);
    expect(await dismissalRows("57187023456")).toHaveLength(0);
    expect((await groupOf(admin, "name", "jadeteahouse"))?.matches).toEqual(both);
  });

  it("is dismissed whole in one request: a dismissal of each key, audited", async () => {
    const res = await dismiss(admin, { matches: group.matches, ids: group.recordIds });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data.map((d) => [d.field, d.key, d.recordIds, d.by])).toEqual(
      both.map((m) => [m.field, m.key, [...group.recordIds].sort(), "Admin"]),
    );
    expect(await groupOf(admin, "name", "jadeteahouse")).toBeUndefined();
    expect(await groupOf(admin, "phone", "57187023456")).toBeUndefined();

    const dismissed = await groupOf(admin, "name", "jadeteahouse", true);
    expect(dismissed).toMatchObject({
      matches: both,
      count: 2,
      dismissal: { ids: res.body.data.map((d) => d.id), by: "Admin" },
    });
    expect((await groups(admin, true)).filter((g) => g.recordIds.includes(pair[0]?.id ?? ""))).toHaveLength(1);
    expect(await dismissalRows("jadeteahouse")).toHaveLength(1);
    expect(await dismissalRows("57187023456")).toHaveLength(1);
    const audit = await auditOf(res.body.data.map((d) => d.id));
    expect(audit.map((e) => e.action)).toEqual(["create", "create"]);
  });

  it("is taken back whole in one request, or not at all", async () => {
    const ids = (await groupOf(admin, "name", "jadeteahouse", true))?.dismissal?.ids ?? [];
    expect(ids).toHaveLength(2);
    // One of them not found: neither is taken back.
    const missing = await restoreAll(admin, [...ids, "0190a000-0000-7000-8000-000000000000"]);
    expect(missing.status).toBe(404);
    const bad = await restoreAll(admin, [ids[0] ?? "", "nope"]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]?.path).toBe("ids.1");
    expect((await restoreAll(admin, [])).status).toBe(400);
    expect((await rep.post("/api/v1/duplicates/customer/dismissals/restore", { ids })).status).toBe(404);
    expect(await dismissalRows("jadeteahouse")).toHaveLength(1);
    expect(await dismissalRows("57187023456")).toHaveLength(1);
    expect((await groupOf(admin, "name", "jadeteahouse", true))?.matches).toEqual(both);

    expect((await restoreAll(admin, ids)).status).toBe(204);
    const back = await groupOf(admin, "phone", "57187023456");
    expect(back?.matches).toEqual(both);
    expect(back?.recordIds).toEqual(pair.map((r) => r.id));
    expect(await groupOf(admin, "name", "jadeteahouse", true)).toBeUndefined();
    expect(await dismissalRows("jadeteahouse")).toHaveLength(0);
    expect(await dismissalRows("57187023456")).toHaveLength(0);
    expect((await auditOf(ids)).map((e) => e.action)).toEqual(["create", "create", "delete", "delete"]);
  });

  it("lists a key taken back alone apart from the key still dismissed", async () => {
    const res = await dismiss(admin, { matches: both, ids: group.recordIds });
    const [name, phone] = res.body.data;
    expect((await restore(admin, name?.id ?? "")).status).toBe(204);
    expect((await groupOf(admin, "name", "jadeteahouse"))?.matches).toEqual([both[0]]);
    expect((await groupOf(admin, "phone", "57187023456", true))?.dismissal?.ids).toEqual([phone?.id]);
    expect((await restoreAll(admin, [phone?.id ?? ""])).status).toBe(204);
    expect((await groupOf(admin, "name", "jadeteahouse"))?.matches).toEqual(both);
  });
});
