/** How often the bell asks for its count when no reminder is near. */
export const POLL_MS = 30_000;
/**
 * How long after a reminder's time the bell asks again: the server's job runner looks for due jobs
 * every 2 s, so the notification exists by then. Also the shortest wait, for a reminder whose time
 * has come but whose job has not run yet (the server keeps naming it for a minute at most).
 */
export const AFTER_REMINDER_MS = 2_500;

type UnreadCountAnswer = { nextReminderAt: string | null; serverTime: string };

/**
 * When the bell should next ask, in ms: just after the caller's next reminder fires when that is
 * sooner than the regular poll. Timed on the server's clock (its answer says when it answered), so
 * a browser whose clock is off still asks at the right moment.
 */
export function nextPollIn(answer: UnreadCountAnswer | undefined, answeredAt: number, now = Date.now()): number {
  if (!answer?.nextReminderAt) return POLL_MS;
  const firesIn = Date.parse(answer.nextReminderAt) - Date.parse(answer.serverTime) - (now - answeredAt);
  if (Number.isNaN(firesIn)) return POLL_MS;
  return Math.min(POLL_MS, Math.max(AFTER_REMINDER_MS, firesIn + AFTER_REMINDER_MS));
}
