import { wallClock } from "../../platform/time-zone.ts";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * Times on the organization's calendar, so that "due today" in the demo is today where the
 * organization works (what the due filters ask PostgreSQL), not where the server runs.
 */
export type OrgClock = {
  now: number;
  /** The instant a wall clock there shows this time, days from today (negative: ago). */
  at(days: number, hour: number, minute?: number): Date;
  /** The last millisecond of that day there: when an all-day task falls due. */
  endOfDay(days: number): Date;
  /** The day of an instant there, in days from today. */
  dayOf(instant: Date): number;
};

export function orgClock(timeZone: string, now: number): OrgClock {
  const wall = wallClock(timeZone);
  // The zone's offset at an instant: its wall time read as UTC, less the instant (to the second).
  const offsetAt = (instant: number) => {
    const second = Math.floor(instant / 1000) * 1000;
    return wall(new Date(second)).getTime() - second;
  };
  const todayLocal = Math.floor((now + offsetAt(now)) / DAY) * DAY;
  // A wall time to an instant: the offset of the instant near it, so a DST change in between counts.
  const instantOf = (local: number) => new Date(local - offsetAt(local - offsetAt(now)));
  return {
    now,
    at: (days, hour, minute = 0) => instantOf(todayLocal + days * DAY + hour * HOUR + minute * MINUTE),
    endOfDay: (days) => instantOf(todayLocal + (days + 1) * DAY - 1),
    dayOf: (instant) => Math.floor((instant.getTime() + offsetAt(instant.getTime()) - todayLocal) / DAY),
  };
}
