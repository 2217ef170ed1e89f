import { Flex, Input, Typography } from "antd";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { numberProblemText } from "./NumberTextInput";
import { readNumberBox } from "./typedNumber";

/**
 * One bound (≥ or ≤) of a number or money filter, typed the way the forms take numbers: "10万" filters
 * by 100000, as a form would store it. `value` is the filter's (the URL's) decimal string. A text that
 * is no number filters nothing and shows as invalid, saying why, rather than filtering by some of its
 * digits (antd's InputNumber read "10万" as 10). Leaving the box shows the number filtered by.
 */
export function NumberFilterInput({
  value,
  onChange,
  money,
  ...props
}: {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  money: boolean;
  placeholder: string;
  "aria-label": string;
  "data-testid": string;
}) {
  const { t } = useTranslation();
  const messageId = useId();
  // What is being typed, or null to show the filter's value.
  const [typed, setTyped] = useState<string | null>(null);
  // The last value sent: a different one arriving was set elsewhere (a saved view) and replaces the text.
  const sent = useRef(value);
  useEffect(() => {
    if (value !== sent.current) setTyped(null);
    sent.current = value;
  }, [value]);
  const read = typed === null ? undefined : readNumberBox(typed, money);
  const problem = read && "problem" in read ? read.problem : undefined;
  return (
    <Flex vertical gap={2} style={{ flex: 1, minWidth: 0 }}>
      <Input
        {...props}
        value={typed ?? value ?? ""}
        status={problem ? "error" : undefined}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? messageId : undefined}
        onChange={(event) => {
          const text = event.target.value;
          setTyped(text);
          const next = readNumberBox(text, money);
          sent.current = "value" in next && next.value !== "" ? next.value : undefined;
          onChange(sent.current);
        }}
        onBlur={() => {
          if (!problem) setTyped(null);
        }}
      />
      {problem && (
        <Typography.Text type="danger" id={messageId} style={{ fontSize: 12 }}>
          {numberProblemText(t, problem)}
        </Typography.Text>
      )}
    </Flex>
  );
}
