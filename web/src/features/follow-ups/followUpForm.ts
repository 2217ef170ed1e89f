import type { Dayjs } from "dayjs";
import { fromWallClock, toWallClock } from "../../lib/orgTime";
import type { FollowUp, FollowUpKind, FollowUpUpdateInput } from "./api";

export type FollowUpFormValues = {
  kind: FollowUpKind;
  occurredAt: Dayjs;
  content: string;
  outcome?: string;
  nextFollowUpAt?: Dayjs | null;
  contactIds?: string[];
};

/**
 * A saved follow-up as the form shows it, naming only the contacts the caller can see. The pickers
 * hold the organization's wall clock (lib/orgTime); `timeZone` is the organization's.
 */
export function toFormValues(followUp: FollowUp, timeZone?: string): FollowUpFormValues {
  return {
    kind: followUp.kind,
    occurredAt: toWallClock(followUp.occurredAt, timeZone),
    content: followUp.content,
    outcome: followUp.outcome ?? undefined,
    nextFollowUpAt: followUp.nextFollowUpAt ? toWallClock(followUp.nextFollowUpAt, timeZone) : null,
    contactIds: followUp.contacts.map((c) => c.id),
  };
}

const sameInstant = (a: string | null, b: string | null) =>
  a === b || (a !== null && b !== null && Date.parse(a) === Date.parse(b));
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && new Set([...a, ...b]).size === a.length;

/**
 * The PATCH body: only the fields the user changed, with the version read. Contacts go only when
 * changed, so fixing a typo never resends links the server would now refuse (a contact since
 * trashed); changed, they are what the form showed, the contacts the caller can see.
 */
export function toUpdateInput(values: FollowUpFormValues, followUp: FollowUp, timeZone?: string): FollowUpUpdateInput {
  const body: FollowUpUpdateInput = { version: followUp.version };
  if (values.kind !== followUp.kind) body.kind = values.kind;
  const occurredAt = fromWallClock(values.occurredAt, timeZone);
  if (!sameInstant(occurredAt, followUp.occurredAt)) body.occurredAt = occurredAt;
  if (values.content !== followUp.content) body.content = values.content;
  const outcome = values.outcome?.trim() ? values.outcome : null;
  if (outcome !== followUp.outcome) body.outcome = outcome;
  const next = values.nextFollowUpAt ? fromWallClock(values.nextFollowUpAt, timeZone) : null;
  if (!sameInstant(next, followUp.nextFollowUpAt)) body.nextFollowUpAt = next;
  const contactIds = values.contactIds ?? [];
  const shown = followUp.contacts.map((c) => c.id);
  if (!sameSet(contactIds, shown)) body.contactIds = contactIds;
  return body;
}
