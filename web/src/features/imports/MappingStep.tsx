import { Alert, Button, Card, Flex, Grid, Select, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ImportUpload } from "./api";
import { useTargetLabel } from "./labels";

const IGNORE = "";

type Row = { index: number; header: string; samples: string[] };

/** Each file column beside a few of its values and the field it goes to (guessed, or remembered from last time). */
export function MappingStep({
  uploaded,
  initial,
  onBack,
  onNext,
}: {
  uploaded: ImportUpload;
  initial: Record<string, string>;
  onBack: () => void;
  onNext: (mapping: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const label = useTargetLabel(uploaded.batch.objectType);
  const screens = Grid.useBreakpoint();
  const [mapping, setMapping] = useState<Record<string, string>>(initial);
  const used = new Set(Object.values(mapping));
  const rows: Row[] = uploaded.batch.headers.map((header, index) => ({
    index,
    header,
    samples: uploaded.sampleRows.slice(0, 3).map((r) => r[index] ?? ""),
  }));
  const choose = (index: number, target: string) => {
    const next = { ...mapping };
    if (target === IGNORE) delete next[String(index)];
    else next[String(index)] = target;
    setMapping(next);
  };
  const hasName = ["name", "firstName", "lastName"].some((n) => used.has(n));
  const targetSelect = (row: Row) => (
    <Select
      value={mapping[String(row.index)] ?? IGNORE}
      onChange={(target) => choose(row.index, target)}
      style={{ width: "100%" }}
      showSearch={{ optionFilterProp: "label" }}
      aria-label={t("imports.mapColumn", { column: row.header })}
      data-testid={`import-map-${row.index}`}
      options={[
        { value: IGNORE, label: t("imports.ignore") },
        ...uploaded.targets.map((target) => ({
          value: target,
          label: label(target),
          disabled: used.has(target) && mapping[String(row.index)] !== target,
        })),
      ]}
    />
  );

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">
        {t("imports.fileSummary", {
          file: uploaded.batch.fileName,
          rows: uploaded.batch.totalRows,
          encoding: uploaded.batch.encoding,
        })}
      </Typography.Text>
      {uploaded.mappingRemembered && <Alert type="info" showIcon title={t("imports.remembered")} />}
      {screens.md === false ? (
        // A phone has no room for three columns: each file column is a card, its name and a value above where it goes.
        <Flex vertical gap={8} data-testid="import-mapping-cards">
          {rows.map((row) => (
            <Card key={row.index} size="small" data-testid={`import-column-${row.index}`}>
              <Flex vertical gap={6}>
                <Typography.Text strong data-testid={`import-column-name-${row.index}`}>
                  {row.header}
                </Typography.Text>
                {row.samples.some(Boolean) && (
                  <Typography.Text type="secondary" ellipsis>
                    {t("imports.sample", { value: row.samples.find(Boolean) })}
                  </Typography.Text>
                )}
                {targetSelect(row)}
              </Flex>
            </Card>
          ))}
        </Flex>
      ) : (
        <Table<Row>
          rowKey="index"
          size="small"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t("imports.column"), dataIndex: "header", width: 200 },
            {
              title: t("imports.samples"),
              dataIndex: "samples",
              render: (samples: string[]) => (
                <Typography.Text type="secondary" ellipsis style={{ maxWidth: 280 }}>
                  {samples.filter(Boolean).join(" · ")}
                </Typography.Text>
              ),
            },
            { title: t("imports.field"), width: 260, render: (_, row) => targetSelect(row) },
          ]}
        />
      )}
      {!hasName && <Alert type="warning" showIcon title={t("imports.needName")} />}
      <Flex gap={8} justify="flex-end" wrap>
        <Button onClick={onBack}>{t("imports.otherFile")}</Button>
        <Button type="primary" disabled={!hasName} onClick={() => onNext(mapping)} data-testid="import-mapping-next">
          {t("imports.next")}
        </Button>
      </Flex>
    </Flex>
  );
}
