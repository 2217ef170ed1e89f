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

/** Where a link of the new kinds opens: records by type, and "your customers" for a bulk transfer. */
export function kindLinkPath(link: NonNullable<Notification["link"]>): string | undefined {
  if (link.type === "contact") return `/contacts/${link.id}`;
  if (link.type === "customersOwnedBy") return `/customers?ownerId=${link.id}`;
  return undefined;
}
