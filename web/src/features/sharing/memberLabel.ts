import type { TFunction } from "i18next";

/**
 * A team member as the history stores it, "<name> (read|write)" (server: sharing memberLabel), in the
 * reader's language: "王芳（只读）". Anything else is shown as stored.
 */
export function memberLabel(t: TFunction, stored: string): string {
  const match = /^(.*) \((read|write)\)$/.exec(stored);
  if (!match) return stored;
  const [, name, access] = match;
  return t(access === "read" ? "sharing.member.read" : "sharing.member.write", { name });
}
