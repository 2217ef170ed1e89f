/**
 * The values of a list filter parameter (`custom.<key>[in]`), as the API reads them: comma-separated,
 * a value holding a comma or a quote (or space at either end) in double quotes with its quotes
 * doubled, as in CSV: `"Acme, Inc.",Globex`.
 */
export function joinListValues(values: readonly string[]): string {
  return values.map((v) => (/[",]|^\s|\s$/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(",");
}

/** The values of a parameter joinListValues wrote (or a plain comma-separated list). */
export function splitListValues(text: string): string[] {
  const values: string[] = [];
  let at = 0;
  while (at <= text.length) {
    while (text[at] === " ") at++;
    if (text[at] !== '"') {
      const comma = text.indexOf(",", at);
      const end = comma === -1 ? text.length : comma;
      values.push(text.slice(at, end).trim());
      at = end + 1;
      continue;
    }
    let value = "";
    for (at++; at < text.length; at++) {
      if (text[at] !== '"') value += text[at];
      else if (text[at + 1] === '"') value += text[at++];
      else break;
    }
    values.push(value);
    const comma = text.indexOf(",", at);
    at = comma === -1 ? text.length + 1 : comma + 1;
  }
  return values.filter((v) => v !== "");
}
