import { Alert, Button, Flex, Select, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type en from "../../locales/en.json";
import type { ImportUpload } from "./api";

type TargetKey = keyof typeof en.imports.target;

const IGNORE = "";

/** A mapping target's label: "address.city" reads imports.target.address_city; custom fields show their key. */
export function useTargetLabel() {
  const { t, i18n } = useTranslation();
  return (target: string) => {
    if (target.startsWith("custom.")) return t("imports.customField", { key: target.slice(7) });
    const key = `imports.target.${target.replace(".", "_") as TargetKey}` as const;
    return i18n.exists(key) ? t(key) : target;
  };
}

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
  const label = useTargetLabel();
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
      <Table<Row>
        rowKey="index"
        size="small"
        pagination={false}
        scroll={{ x: 600 }}
        dataSource={rows}
        columns={[
          { title: t("imports.column"), dataIndex: "header", width: 200 },
          {
            title: t("imports.samples"),
            dataIndex: "samples",
            // On a phone the column and where it goes are what matter: samples give way.
            responsive: ["md"],
            render: (samples: string[]) => (
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 280 }}>
                {samples.filter(Boolean).join(" · ")}
              </Typography.Text>
            ),
          },
          {
            title: t("imports.field"),
            width: 240,
            fixed: "right",
            render: (_, row) => (
              <Select
                value={mapping[String(row.index)] ?? IGNORE}
                onChange={(target) => choose(row.index, target)}
                style={{ width: "100%" }}
                showSearch={{ optionFilterProp: "label" }}
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
            ),
          },
        ]}
      />
      {!hasName && <Alert type="warning" showIcon title={t("imports.needName")} />}
      <Flex gap={8} justify="flex-end">
        <Button onClick={onBack}>{t("imports.otherFile")}</Button>
        <Button type="primary" disabled={!hasName} onClick={() => onNext(mapping)} data-testid="import-mapping-next">
          {t("common.next")}
        </Button>
      </Flex>
    </Flex>
  );
}
