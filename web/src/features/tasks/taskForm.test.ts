import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { remindsTooLate } from "./taskForm";

const at = (text: string) => dayjs(text);

describe("a reminder checked against the due time before the form is sent", () => {
  it("refuses one at or after the due time, and takes seconds as the server will not see them", () => {
    const dueAt = at("2026-11-27T17:00:00");
    expect(remindsTooLate({ dueAt, allDay: false, remindAt: at("2026-11-27T18:00") })).toBe(true);
    expect(remindsTooLate({ dueAt, allDay: false, remindAt: at("2026-11-27T17:00:30") })).toBe(true);
    expect(remindsTooLate({ dueAt, allDay: false, remindAt: at("2026-11-27T16:59") })).toBe(false);
  });

  it("lets an all-day task be reminded any time of its day, not after it", () => {
    const dueAt = at("2026-11-27T00:00:00");
    expect(remindsTooLate({ dueAt, allDay: true, remindAt: at("2026-11-27T18:00") })).toBe(false);
    expect(remindsTooLate({ dueAt, allDay: true, remindAt: at("2026-11-28T00:00") })).toBe(true);
  });

  it("leaves a task without a due time, or a time it cannot read, to the other rules", () => {
    const remindAt = at("2026-11-27T18:00");
    expect(remindsTooLate({ dueAt: null, allDay: false, remindAt })).toBe(false);
    expect(remindsTooLate({ dueAt: dayjs(Number.NaN), allDay: false, remindAt })).toBe(false);
    expect(remindsTooLate({ dueAt: at("2026-11-27T17:00"), allDay: false, remindAt: null })).toBe(false);
  });
});
