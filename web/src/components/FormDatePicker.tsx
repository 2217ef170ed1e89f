import { DatePicker, type DatePickerProps } from "antd";
import type { Rule } from "antd/es/form";
import dayjs, { type Dayjs } from "dayjs";
import type { TFunction } from "i18next";

export const DATE_FORMAT = "YYYY-MM-DD";
export const DATE_TIME_FORMAT = "YYYY-MM-DD HH:mm";

// Read as well as the shown format: slashes (Excel's zh-CN default), one-digit parts, seconds.
const DATE_INPUTS = ["YYYY/MM/DD", "YYYY-M-D", "YYYY/M/D"];
const DATE_TIME_INPUTS = ["YYYY-MM-DD HH:mm:ss", "YYYY/MM/DD HH:mm", "YYYY-M-D H:mm", "YYYY/M/D H:mm"];

/**
 * The time a date-time picker gives a day picked without one: 09:00, when a working day starts, on
 * the organization's clock (the pickers hold its wall clock, lib/orgTime); the hour the server's
 * morning notice of a follow-up assumes too (server/src/modules/follow-ups/due-notice.ts). antd's
 * own would be midnight: a follow-up, a task or a reminder in the middle of the night.
 */
const DEFAULT_TIME = { hour: 9, minute: 0 } as const;

/** showTime with DEFAULT_TIME for an empty picker, unless the form asks for another time. */
function withDefaultTime(showTime: DatePickerProps["showTime"]): DatePickerProps["showTime"] {
  if (!showTime) return showTime;
  const given = typeof showTime === "object" ? showTime : {};
  const start = dayjs().startOf("day").hour(DEFAULT_TIME.hour).minute(DEFAULT_TIME.minute);
  return { ...given, defaultOpenValue: given.defaultOpenValue ?? start };
}

/**
 * A typed text as the picker's value. With a time, a day typed without one ("2026-12-01") is that
 * day at DEFAULT_TIME, as a day picked in the calendar is.
 */
function readTyped(text: string, readable: string[], withTime: boolean): Dayjs {
  const typed = dayjs(text, readable, true);
  if (typed.isValid() || !withTime) return typed;
  return dayjs(text, [DATE_FORMAT, ...DATE_INPUTS], true)
    .hour(DEFAULT_TIME.hour)
    .minute(DEFAULT_TIME.minute);
}

/** The form value of a picker whose typed text is no date: a rule flags it (`readableDateRule`). */
const unreadable = () => dayjs(Number.NaN);

/**
 * antd's DatePicker for forms, in the app's one format (`YYYY-MM-DD`, `YYYY-MM-DD HH:mm` with a
 * time). With a time, a day picked without touching the time gets DEFAULT_TIME (09:00), not
 * midnight, and so does a day typed without a time. Enter confirms the typed date and nothing
 * more: left alone it would also submit the whole form (the browser's implicit submission).
 * Leaving the field keeps what was typed: a readable text becomes the value even where antd waits
 * for OK, and an unreadable one becomes a value that `readableDateRule` refuses, instead of antd
 * emptying the field without a word.
 */
export function FormDatePicker({
  onKeyDown,
  onBlur,
  onChange,
  value,
  format,
  showTime,
  ...props
}: Omit<DatePickerProps, "value" | "defaultValue" | "onChange" | "onOk" | "multiple"> & {
  value?: Dayjs | null;
  onChange?: (date: Dayjs | null, text: string) => void;
}) {
  const shown = typeof format === "string" ? format : showTime ? DATE_TIME_FORMAT : DATE_FORMAT;
  const readable = [shown, ...(showTime ? DATE_TIME_INPUTS : DATE_INPUTS)];
  return (
    <DatePicker
      {...props}
      showTime={withDefaultTime(showTime)}
      format={readable}
      value={value?.isValid() === false ? null : value}
      onChange={(date, text) => onChange?.(date, typeof text === "string" ? text : "")}
      onKeyDown={(event, preventPicker) => {
        if (event.key === "Enter") event.preventDefault();
        onKeyDown?.(event, preventPicker);
      }}
      onBlur={(event, info) => {
        onBlur?.(event, info);
        const text = event.target instanceof HTMLInputElement ? event.target.value.trim() : "";
        if (!text || !onChange) return;
        const typed = readTyped(text, readable, Boolean(showTime));
        if (!typed.isValid()) onChange(unreadable(), text);
        else if (!value?.isValid() || !typed.isSame(value, showTime ? "minute" : "day")) onChange(typed, text);
      }}
    />
  );
}

/** Refuses the value FormDatePicker holds for a typed text it could not read. */
export function readableDateRule(t: TFunction, withTime: boolean): Rule {
  return {
    validator: (_rule, value: unknown) =>
      dayjs.isDayjs(value) && !(value as Dayjs).isValid()
        ? Promise.reject(
            new Error(t("validation.dateUnreadable", { format: withTime ? DATE_TIME_FORMAT : DATE_FORMAT })),
          )
        : Promise.resolve(),
  };
}
