import type { ApiClient, TestContext } from "../../../test/harness.ts";
import { PASSWORD } from "../../../test/harness.ts";

/** A user with one of the default roles (by its English name), signed in. */
export async function addPerson(
  ctx: TestContext,
  admin: ApiClient,
  key: string,
  role: string,
  managerId: string | null = null,
): Promise<{ id: string; client: ApiClient }> {
  const roles = await admin.get<{ data: { id: string; name: string }[] }>("/api/v1/roles");
  const res = await admin.post<{ id: string }>("/api/v1/users", {
    name: key,
    email: `${key}@acme.test`,
    password: PASSWORD,
    managerId,
    roleIds: [roles.body.data.find((r) => r.name === role)?.id],
  });
  if (res.status !== 201) throw new Error(`user ${key}: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, client: await ctx.signIn(`${key}@acme.test`, PASSWORD) };
}
