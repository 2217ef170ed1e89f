import { Button, Descriptions, type DescriptionsProps, Flex, Grid } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

export type RecordItem = NonNullable<DescriptionsProps["items"]>[number] & {
  /** Holds no value ("—"): folded away on a phone until asked for. */
  empty?: boolean;
};

/**
 * A record's fields as label/value pairs: three or two columns side by side on wider screens, one
 * stacked column on a phone. There, with many custom fields, the "—" rows would push the page's
 * actions screens down, so empty fields stay folded behind "Show empty fields".
 */
export function RecordDescriptions({
  items,
  columns,
}: {
  items: RecordItem[];
  /** Columns side by side, for a card narrower than the screen (beside a timeline); by the screen when absent. */
  columns?: number;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [showEmpty, setShowEmpty] = useState(false);
  const phone = !screens.sm;
  const emptyCount = items.filter((item) => item.empty).length;
  const folded = phone && !showEmpty;
  const shown = items.filter((item) => !(folded && item.empty)).map(({ empty: _empty, ...item }) => item);
  return (
    <Flex vertical gap={8}>
      <Descriptions
        bordered
        size="small"
        column={columns ?? (screens.lg ? 3 : screens.sm ? 2 : 1)}
        layout={phone ? "vertical" : "horizontal"}
        // Side by side, a label is short: keep it on one line ("客户级别" broke as "客户级/别").
        styles={{ label: { whiteSpace: "nowrap" } }}
        items={shown}
      />
      {phone && emptyCount > 0 && (
        <Button
          type="link"
          size="small"
          style={{ alignSelf: "flex-start", paddingInline: 0 }}
          onClick={() => setShowEmpty((v) => !v)}
          data-testid="details-empty-toggle"
        >
          {showEmpty ? t("common.hideEmptyFields") : t("common.showEmptyFields", { count: emptyCount })}
        </Button>
      )}
    </Flex>
  );
}
