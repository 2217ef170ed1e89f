/**
 * A PostgreSQL array literal for one text parameter cast to an array type (`$1::text[]`): a bulk
 * statement's column of values. The database reads it faster than the same values as JSON. Every
 * text is quoted, so commas, braces, spaces and the word NULL stay text; null is NULL.
 */
export function arrayLiteral(values: readonly (string | number | null | undefined)[]): string {
  // JSON quotes a text as an array literal does (\" and \\) and writes null as null: when it needed
  // no other escape (a line break, a control character), its text is the literal, built natively.
  const json = JSON.stringify(values);
  if (!/\\[^"\\]/.test(json)) return `{${json.slice(1, -1)}}`;
  let literal = "{";
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) literal += ",";
    if (value === null || value === undefined) literal += "NULL";
    else if (typeof value === "number") literal += String(value);
    else literal += `"${value.replace(/[\\"]/g, "\\$&")}"`;
  }
  return `${literal}}`;
}
