import { isNull } from "drizzle-orm";
import { defineResource } from "../../platform/resource.ts";
import { customerDefinition } from "../customers/service.ts";
import { customers } from "../customers/table.ts";

// In the pool since: the owner-less customer's ownerAssignedAt. Every sort is offered to the API, so the
// pool page offers nothing the API refuses.
export const poolSorts = {
  ...customerDefinition.sorts,
  ownerAssignedAt: { column: customers.ownerAssignedAt, kind: "date" as const },
};

/**
 * The public pool (公海): owner-less customers, listed under the pool's own permission. The pool is
 * the organization's: seeing it takes "pool: view", whatever the pool role's data scope says; it
 * never widens what the customer list shows.
 */
export const poolResource = defineResource({
  ...customerDefinition,
  module: "pool",
  scope: () => isNull(customers.ownerId),
  sorts: poolSorts,
});
