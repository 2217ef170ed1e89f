import { describe, expect, it } from "vitest";
import { AFTER_REMINDER_MS, nextPollIn, POLL_MS } from "./poll";

const serverTime = "2031-03-14T08:00:00.000Z";
const at = (ms: number) => new Date(Date.parse(serverTime) + ms).toISOString();

describe("when the bell asks again", () => {
  it("polls every 30 s with no reminder near, or before the first answer", () => {
    expect(nextPollIn({ nextReminderAt: null, serverTime }, 1_000)).toBe(POLL_MS);
    expect(nextPollIn(undefined, 0)).toBe(POLL_MS);
  });

  it("asks just after a reminder due sooner than that, timed on the server's clock", () => {
    // Answered at the browser's 1,000,000 ms, a browser clock nothing like the server's.
    expect(nextPollIn({ nextReminderAt: at(10_000), serverTime }, 1_000_000, 1_000_000)).toBe(
      10_000 + AFTER_REMINDER_MS,
    );
    // Worked out again 4 s after the answer: 4 s less to wait.
    expect(nextPollIn({ nextReminderAt: at(10_000), serverTime }, 1_000_000, 1_004_000)).toBe(
      6_000 + AFTER_REMINDER_MS,
    );
    expect(nextPollIn({ nextReminderAt: at(5 * 60_000), serverTime }, 0, 0)).toBe(POLL_MS);
  });

  it("asks again shortly while a reminder whose time came has not fired yet", () => {
    expect(nextPollIn({ nextReminderAt: at(-20_000), serverTime }, 0, 0)).toBe(AFTER_REMINDER_MS);
  });
});
