import dayjs, { type Dayjs } from "dayjs";
import timezone from "dayjs/plugin/timezone";
import utc from "dayjs/plugin/utc";
import { useContext, useMemo } from "react";
import { TimeZoneContext } from "./useFormat";

dayjs.extend(utc);
dayjs.extend(timezone);

// antd's pickers work in the browser's clock. To let them read and write the organization's clock,
// a picker holds a "wall clock" Dayjs: a browser-local Dayjs whose fields (day, hour, minute) are
// what a clock in the organization's time zone shows at that instant.
const WALL = "YYYY-MM-DDTHH:mm:ss.SSS";

/** An instant as a picker shows it in `timeZone` (the browser's own clock without one). */
export function toWallClock(instant: string | Date | Dayjs, timeZone?: string): Dayjs {
  const moment = dayjs(instant);
  return timeZone ? dayjs(moment.tz(timeZone).format(WALL)) : moment;
}

/** The instant (UTC ISO) a picker's wall-clock value means in `timeZone`. */
export function fromWallClock(wall: Dayjs, timeZone?: string): string {
  return timeZone ? dayjs.tz(wall.format(WALL), timeZone).toISOString() : wall.toISOString();
}

/** Picker conversions bound to the organization's time zone. */
export function useOrgTime() {
  const timeZone = useContext(TimeZoneContext);
  return useMemo(
    () => ({
      timeZone,
      toPicker: (instant: string | null | undefined) => (instant ? toWallClock(instant, timeZone) : null),
      fromPicker: (wall: Dayjs | null | undefined) => (wall ? fromWallClock(wall, timeZone) : null),
      /** Now, as the organization's clock reads it. */
      now: () => toWallClock(new Date(), timeZone),
    }),
    [timeZone],
  );
}
