import { DatePicker, type DatePickerProps } from "antd";

/**
 * antd's DatePicker for forms: Enter confirms the typed date and nothing more. Left alone it would
 * also submit the whole form (the browser's implicit submission) before the rest is filled in.
 */
export function FormDatePicker({ onKeyDown, ...props }: DatePickerProps) {
  return (
    <DatePicker
      {...props}
      onKeyDown={(event, preventPicker) => {
        if (event.key === "Enter") event.preventDefault();
        onKeyDown?.(event, preventPicker);
      }}
    />
  );
}
