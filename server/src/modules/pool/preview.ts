import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Executor } from "../../platform/db/client.ts";
import type { Actor } from "../../platform/permissions.ts";
import { customerTimeline } from "../../platform/timeline.ts";
import { contactResource, contactToApi, previewingPoolCustomer } from "../contacts/service.ts";
import { contacts } from "../contacts/table.ts";
import { customerToApi } from "../customers/service.ts";
import { noPoolContext, poolContexts } from "./pool-context.ts";
import { poolResource } from "./pool-resource.ts";
import type { poolCustomerSchema } from "./schema.ts";

/**
 * A pool customer's page (公海客户详情): what a rep looks at before claiming it. Everything is read
 * under the pool's permission ("pool: view") and only while the customer is in the pool: an owned,
 * trashed or unknown customer is a 404. Its contacts and follow-ups are read through the actor
 * `previewingPoolCustomer` makes, which their resources let read this one customer's (read only).
 */

/** The pool customer with why it is in the pool and whose it was, as a row of the pool list. */
export async function getPoolCustomer(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<z.output<typeof poolCustomerSchema>> {
  const row = await poolResource.get(db, actor, id);
  const contexts = await poolContexts(db, actor.organizationId, [id]);
  return { ...customerToApi(row), ...(contexts.get(id) ?? noPoolContext) };
}

/** The pool customer's live contacts, by name (the contacts permission's "view" still applies). */
export async function poolCustomerContacts(
  db: Executor,
  actor: Actor,
  id: string,
  page: { limit: number; cursor?: string },
) {
  await poolResource.requireVisible(db, actor, id);
  const found = await contactResource.list(db, previewingPoolCustomer(actor, id), {
    sort: "name",
    ...page,
    conditions: [eq(contacts.customerId, id)],
  });
  return { data: found.rows.map(contactToApi), nextCursor: found.nextCursor };
}

/** The pool customer's timeline: its changes (the release and its reason among them), follow-ups and contacts. */
export async function poolCustomerTimeline(
  db: Executor,
  actor: Actor,
  id: string,
  options: { kinds?: string[]; limit: number; cursor?: string },
) {
  await poolResource.requireVisible(db, actor, id);
  return customerTimeline(db, previewingPoolCustomer(actor, id), id, options);
}
