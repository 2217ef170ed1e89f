import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { fromWallClock, toWallClock } from "./orgTime";

describe("organization wall clock", () => {
  it("shows an instant as the organization's clock reads it", () => {
    const wall = toWallClock("2026-11-23T10:00:00Z", "Asia/Shanghai");
    expect(wall.format("YYYY-MM-DD HH:mm")).toBe("2026-11-23 18:00");
    expect(toWallClock("2026-07-01T01:30:00Z", "America/Los_Angeles").format("YYYY-MM-DD HH:mm")).toBe(
      "2026-06-30 18:30",
    );
  });

  it("reads a picked time in the organization's clock, whatever the browser's", () => {
    expect(fromWallClock(dayjs("2026-11-23T18:00:00"), "Asia/Shanghai")).toBe("2026-11-23T10:00:00.000Z");
    expect(fromWallClock(dayjs("2026-01-15T09:15:00"), "Europe/Berlin")).toBe("2026-01-15T08:15:00.000Z");
  });

  it("round-trips, and without a time zone uses the browser's clock", () => {
    const iso = "2026-03-29T01:30:00.000Z";
    expect(fromWallClock(toWallClock(iso, "Europe/London"), "Europe/London")).toBe(iso);
    expect(fromWallClock(toWallClock(iso))).toBe(iso);
  });
});
