import type { Transaction } from "../../platform/db/client.ts";
import type { createOrganization } from "../organizations/service.ts";

export type CreatedOrganization = Awaited<ReturnType<typeof createOrganization>>;

export async function loadDemoData(_tx: Transaction, _org: CreatedOrganization): Promise<void> {}
