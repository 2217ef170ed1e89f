import { Flex, Radio, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface MergeChoicesListProps<R extends { id: string }> {
  records: R[];
  /** The fields to pick, in order. */
  fields: string[];
  survivorId: string | undefined;
  onSurvivor: (id: string) => void;
  /** Per field, the record whose value it keeps. */
  picks: Record<string, string>;
  onPick: (field: string, id: string) => void;
  fieldLabel: (field: string) => ReactNode;
  /** A record as the survivor choice shows it: name · owner, and what merging does with it. */
  recordHeading: (record: R) => ReactNode;
  /** Which record a value comes from, under the value: the table's column says it on a wide screen. */
  recordName: (record: R) => string;
  value: (record: R, field: string) => ReactNode;
}

/**
 * The merge dialog's choices one under another, for a phone, where a column per record would scroll
 * sideways: the record that stays, then per field a radio per record's value. The same choices and
 * test ids as the table of a wider screen.
 */
export function MergeChoicesList<R extends { id: string }>({
  records,
  fields,
  survivorId,
  onSurvivor,
  picks,
  onPick,
  fieldLabel,
  recordHeading,
  recordName,
  value,
}: MergeChoicesListProps<R>) {
  const { t } = useTranslation();
  // Long values (an address, a web address) wrap inside the screen rather than push it wider.
  const wrap = { overflowWrap: "anywhere" } as const;
  return (
    <Flex vertical gap={16} data-testid="merge-choices">
      <Flex vertical gap={4}>
        <Typography.Text strong id="merge-survivor-label">
          {t("duplicates.merge.survivor")}
        </Typography.Text>
        <Radio.Group
          vertical
          value={survivorId}
          onChange={(event) => onSurvivor(event.target.value)}
          aria-labelledby="merge-survivor-label"
        >
          {records.map((record) => (
            <Radio key={record.id} value={record.id} style={wrap} data-testid="merge-survivor">
              {recordHeading(record)}
            </Radio>
          ))}
        </Radio.Group>
      </Flex>
      {fields.map((field) => (
        <Flex vertical gap={4} key={field}>
          <Typography.Text strong id={`merge-field-${field}`}>
            {fieldLabel(field)}
          </Typography.Text>
          <Radio.Group
            vertical
            value={picks[field]}
            onChange={(event) => onPick(field, event.target.value)}
            aria-labelledby={`merge-field-${field}`}
          >
            {records.map((record) => (
              <Radio
                key={record.id}
                value={record.id}
                style={wrap}
                // The group's onChange misses a click on the value already checked (the default): that
                // is the user's pick too, kept when the record that stays changes.
                onClick={() => onPick(field, record.id)}
                data-testid={`merge-pick-${field}`}
              >
                <Flex vertical>
                  <span>{value(record, field)}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {recordName(record)}
                  </Typography.Text>
                </Flex>
              </Radio>
            ))}
          </Radio.Group>
        </Flex>
      ))}
    </Flex>
  );
}
