import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createTestContext, setUpOrganization, type TestContext } from "../../../test/harness.ts";
import { runDueJobs, undoImport, uploadImport } from "./test-support.ts";

type Upload = { batch: { id: string } };
type DryRun = { create: number; warnings: { row: number; message: string }[] };
type Named = { id: string; name: string; customerId?: string | null };
type Batch = { status: string; createdCount: number };

let ctx: TestContext;
let admin: ApiClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ admin } = await setUpOrganization(ctx));
});
afterAll(() => ctx.close());

const customersNamed = async (name: string) =>
  (await admin.get<{ data: Named[] }>(`/api/v1/customers?q=${encodeURIComponent(name)}`)).body.data.filter(
    (c) => c.name === name,
  );

describe("a contact import creates the customers its file names", () => {
  const file = [
    "Name,Email,Company",
    "Ann Lee,ann@gottlieb.example,Gottlieb and Sons",
    "Bo Chen,bo@gottlieb.example,gottlieb and sons",
    "Cy Wu,cy@known.example,Known Co",
  ].join("\n");
  const mapping = { "0": "name", "1": "emails.work", "2": "customer" };

  it("leaves contacts without a company unless asked, then creates each missing customer once, as the importer's", async () => {
    await admin.post("/api/v1/customers", { name: "Known Co" });
    const res = await uploadImport<Upload>(ctx, admin, file, "objectType=contact");
    const id = res.body.batch.id;
    const plain = await admin.post<DryRun>(`/api/v1/imports/${id}/dry-run`, { mapping });
    expect(plain.body.warnings.map((w) => w.row)).toEqual([2, 3]);
    expect(plain.body.warnings[0]?.message).toMatch(/: will be imported without it$/);

    const asked = await admin.post<DryRun>(`/api/v1/imports/${id}/dry-run`, { mapping, createCustomers: true });
    expect(asked.body.warnings.map((w) => w.message)).toEqual([
      'company "Gottlieb and Sons" is no customer yet: will be created as yours with the import',
      'company "gottlieb and sons" is no customer yet: will be created as yours with the import',
    ]);
    expect((await customersNamed("Gottlieb and Sons")).length).toBe(0); // the check writes nothing

    expect((await admin.post(`/api/v1/imports/${id}/run`, { mapping, createCustomers: true })).status).toBe(202);
    await runDueJobs(ctx);
    expect((await admin.get<Batch>(`/api/v1/imports/${id}`)).body).toMatchObject({ status: "done", createdCount: 3 });
    const [gottlieb] = await customersNamed("Gottlieb and Sons");
    expect(gottlieb).toBeDefined();
    const contacts = (await admin.get<{ data: Named[] }>(`/api/v1/contacts?customerId=${gottlieb?.id}`)).body.data;
    expect(contacts.map((c) => c.name).sort()).toEqual(["Ann Lee", "Bo Chen"]);

    // Undo takes the customer away with its contacts; the customer that was there stays.
    expect((await undoImport(ctx, admin, id)).status).toBe("undone");
    expect(await customersNamed("Gottlieb and Sons")).toEqual([]);
    expect((await customersNamed("Known Co")).length).toBe(1);
  });

  it("keeps a created customer that got a contact of its own since", async () => {
    const res = await uploadImport<Upload>(ctx, admin, "Name,Company\nDee Ma,Kept Co\n", "objectType=contact");
    const id = res.body.batch.id;
    const body = { mapping: { "0": "name", "1": "customer" }, createCustomers: true };
    await admin.post(`/api/v1/imports/${id}/run`, body);
    await runDueJobs(ctx);
    const [kept] = await customersNamed("Kept Co");
    await admin.post("/api/v1/contacts", { name: "Added Later", customerId: kept?.id });
    expect((await undoImport(ctx, admin, id)).status).toBe("undone");
    expect((await customersNamed("Kept Co")).length).toBe(1);
  });

  it("is for contact imports only", async () => {
    const res = await uploadImport<Upload>(ctx, admin, "Name\nSolo Co\n", "objectType=customer");
    const dry = await admin.post<{ error: { details: { path: string }[] } }>(
      `/api/v1/imports/${res.body.batch.id}/dry-run`,
      { mapping: { "0": "name" }, createCustomers: true },
    );
    expect(dry.status).toBe(400);
    expect(dry.body.error.details[0]?.path).toBe("createCustomers");
  });
});
