import type { Transaction } from "../../platform/db/client.ts";
import { AppError, invalidReference, validationFailed } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import { customerResource } from "../customers/service.ts";
import type { relatedTypes } from "./schema.ts";

type RelatedType = (typeof relatedTypes)[number];

/** How to check that a record a task is about exists and the caller may see it; one entry per type. */
const visibleRecord: Record<RelatedType, (tx: Transaction, actor: Actor, id: string) => Promise<unknown>> = {
  customer: (tx, actor, id) => customerResource.get(tx, actor, id),
};

export async function checkRelatedRecord(
  tx: Transaction,
  actor: Actor,
  type: RelatedType | null,
  id: string | null,
): Promise<void> {
  if (type === null && id === null) return;
  if (type === null) throw validationFailed("relatedType", "is required with relatedId");
  if (id === null) throw validationFailed("relatedId", "is required with relatedType");
  try {
    await visibleRecord[type](tx, actor, id);
  } catch (error) {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "forbidden")) {
      throw invalidReference("relatedId", `is not a ${type} you can see`);
    }
    throw error;
  }
}
