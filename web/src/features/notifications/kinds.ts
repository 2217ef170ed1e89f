import type { TFunction } from "i18next";
import type { Notification } from "./api";

/**
 * How the bell shows each kind: the server stores kind + params, so the title is rendered here in the
 * reader's language. Names, titles and reasons are the users' own words and are shown as written.
 */
export function notificationTitle(t: TFunction, n: Notification): string {
  const params: Record<string, unknown> = { ...n.params };
  // Who did it: the system (no user) has no name of its own.
  if ("by" in params) params.by = params.by ?? t("audit.system");
  // Team access is a code ("read" | "write"): each has its own wording (key_read, key_write).
  const context = typeof params.access === "string" ? params.access : undefined;
  return t(`notifications.kinds.${n.kind}`, { ...params, context, defaultValue: t("notifications.kinds.other") });
}

type Formats = { date: (value: string) => string; dateTime: (value: string) => string };

/**
 * A second line under the title, where a kind has more to say: a task reminder's due time (the date
 * alone for an all-day task) and the record it is about, when the reader may see it. Notices written
 * before these were stored have none of them: they show the title alone.
 */
export function notificationDetail(t: TFunction, n: Notification, format: Formats): string | null {
  if (n.kind !== "taskReminder") return null;
  const { dueAt, allDay, relatedName } = n.params;
  const parts: string[] = [];
  if (typeof dueAt === "string") {
    parts.push(t("tasks.due", { when: allDay === 1 ? format.date(dueAt) : format.dateTime(dueAt) }));
  }
  if (typeof relatedName === "string") parts.push(relatedName);
  return parts.length > 0 ? parts.join(" · ") : null;
}

/** Where a link of the new kinds opens: records by type, and "your customers" for a bulk transfer. */
export function kindLinkPath(link: NonNullable<Notification["link"]>): string | undefined {
  if (link.type === "contact") return `/contacts/${link.id}`;
  if (link.type === "customersOwnedBy") return `/customers?ownerId=${link.id}`;
  return undefined;
}
