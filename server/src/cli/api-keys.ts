import { createApiKey } from "../modules/auth/api-keys.routes.ts";
import type { DatabaseHandle } from "../platform/db/client.ts";
import { CliError, checkedName } from "./support.ts";
import { findUserByEmail } from "./users.ts";

/** `api-key create`: a key that acts as the user, with the user's rights. The key is shown only now. */
export async function createApiKeyCommand(
  handle: DatabaseHandle,
  options: { email: string; name: string },
): Promise<{ key: string; prefix: string; email: string }> {
  const name = checkedName(options.name, "key name");
  const user = await findUserByEmail(handle.db, options.email);
  if (!user.active) throw new CliError(`${user.email} is deactivated; an API key of theirs would not work`);
  const actor = {
    organizationId: user.organizationId,
    userId: user.id,
    isAdmin: user.isAdmin,
    departmentId: user.departmentId,
    grants: {},
  };
  const created = await handle.db.transaction((tx) => createApiKey(tx, actor, name, null));
  return { key: created.key, prefix: created.prefix, email: user.email };
}
