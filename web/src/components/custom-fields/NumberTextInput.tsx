import { Input, Space } from "antd";
import type { Rule } from "antd/es/form";
import type { TFunction } from "i18next";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { type NumberProblem, readNumberBox } from "./typedNumber";

/** The form value of a text that is no number (or an amount with cents beyond two): a rule flags it. */
export class UnreadableNumber {
  constructor(
    readonly text: string,
    readonly reason: NumberProblem,
  ) {}
}

/** Numbers are JSON numbers on the server: past 15 digits a double would not hold what was typed. */
const fitsDouble = (value: string) => value.replace(/\D/g, "").replace(/^0+/, "").length <= 15;

/** The form value of what was typed: a number, a money string with two decimals (as stored), or a flag. */
function toValue(text: string, money: boolean): unknown {
  const read = readNumberBox(text, money);
  if ("problem" in read) return new UnreadableNumber(text, read.problem);
  if (read.value === "") return null;
  if (!money) return fitsDouble(read.value) ? Number(read.value) : read.value; // the server names the digits it refuses
  const [whole, cents = ""] = read.value.split(".");
  return `${whole}.${cents.padEnd(2, "0")}`;
}

const shown = (value: unknown) =>
  value instanceof UnreadableNumber ? value.text : value === null || value === undefined ? "" : String(value);

/**
 * A number or an amount typed as text, the way people write them: "1,200", "12万", "1.5亿". A text
 * that is no number stays as typed and becomes a value `readableNumberRule` refuses, instead of the
 * input keeping some of its digits (antd's InputNumber makes "12万" 12 and "12k" the last number).
 * Leaving the field shows the number that will be saved (12万 as 120000).
 */
export function NumberTextInput({
  value,
  onChange,
  money = false,
  addonAfter,
  ...props
}: {
  value?: unknown;
  onChange?: (value: unknown) => void;
  money?: boolean;
  addonAfter?: ReactNode;
  id?: string;
  "data-testid"?: string;
}) {
  // What is being typed, or null to show the value as it will be saved.
  const [typed, setTyped] = useState<string | null>(null);
  const emitted = useRef<unknown>(value);
  useEffect(() => {
    // A value set from outside (the form reset or loaded) replaces the typed text.
    if (value !== emitted.current) setTyped(null);
  }, [value]);
  const input = (
    <Input
      {...props}
      value={typed ?? shown(value)}
      onChange={(event) => {
        const text = event.target.value;
        setTyped(text);
        emitted.current = toValue(text, money);
        onChange?.(emitted.current);
      }}
      onBlur={() => {
        if (!(value instanceof UnreadableNumber)) setTyped(null);
      }}
    />
  );
  return addonAfter ? (
    <Space.Compact style={{ width: "100%" }}>
      {input}
      <Space.Addon>{addonAfter}</Space.Addon>
    </Space.Compact>
  ) : (
    input
  );
}

/** Refuses the value NumberTextInput holds for a text that is no number. */
export function readableNumberRule(t: TFunction): Rule {
  return {
    validator: (_rule, value: unknown) =>
      value instanceof UnreadableNumber
        ? Promise.reject(new Error(numberProblemText(t, value.reason)))
        : Promise.resolve(),
  };
}

/** What a number box says when its text is no value. */
export const numberProblemText = (t: TFunction, problem: NumberProblem) =>
  t(problem === "cents" ? "validation.moneyCents" : "validation.number");
