/** Narrows an unknown value to one of a fixed list of strings (enum values from URLs, the server…). */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === "string" && values.some((candidate) => candidate === value);
}
