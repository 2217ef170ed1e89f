import { Tag } from "antd";
import { useOptionList } from "./useOptionList";

/** A stored option value as a tag: its label in the UI language, in the colour the list gives it. */
export function OptionTag({ listKey, value }: { listKey: string; value: string }) {
  const list = useOptionList(listKey);
  return <Tag color={list.color(value)}>{list.label(value)}</Tag>;
}
