/**
 * Times as an organization's clock reads them: a Date whose UTC fields are the wall time in
 * `timeZone` (a spreadsheet has no time zones, so a file shows those fields as they are).
 */
export function wallClock(timeZone: string): (date: Date) => Date {
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  return (date) => {
    const part = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, Number(p.value)]));
    return new Date(Date.UTC(part.year ?? 0, (part.month ?? 1) - 1, part.day, part.hour, part.minute, part.second));
  };
}
