import { DeleteOutlined, DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Flex, Grid, Popconfirm, Progress, Segmented, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { useShowError } from "../../components/useShowError";
import { useFormat } from "../../lib/useFormat";
import {
  type ImportBatch,
  type ImportObjectType,
  reportUrl,
  undoProgress,
  useDeleteImport,
  useImportBatches,
} from "./api";
import { useImportResults } from "./labels";
import { UndoImportButton } from "./UndoImportButton";

const statusColors: Record<string, string> = {
  uploaded: "default",
  queued: "processing",
  running: "processing",
  done: "success",
  failed: "error",
  undoing: "processing",
  undone: "warning",
};

/** Removes an import that never ran, after asking; its tooltip steps aside while the question is open. */
function RemoveImportButton({ batch, onConfirm }: { batch: ImportBatch; onConfirm: () => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  return (
    <Popconfirm
      title={t("imports.removeConfirm")}
      okText={t("common.delete")}
      okButtonProps={{ danger: true }}
      onConfirm={onConfirm}
      onOpenChange={setAsking}
    >
      <Tooltip title={t("common.delete")} open={asking ? false : undefined}>
        <Button
          size="small"
          danger
          icon={<DeleteOutlined />}
          aria-label={t("common.delete")}
          data-testid={`import-remove-${batch.id}`}
        />
      </Tooltip>
    </Popconfirm>
  );
}

/** A batch's status; an import or undo at work shows its progress. */
function BatchStatus({ batch }: { batch: ImportBatch }) {
  const { t } = useTranslation();
  if (batch.status === "running" || batch.status === "queued")
    return <Progress percent={Math.floor((batch.processedRows / Math.max(batch.totalRows, 1)) * 100)} size="small" />;
  if (batch.status === "undoing") {
    const undo = undoProgress(batch);
    return (
      <Flex vertical data-testid={`import-undoing-${batch.id}`}>
        <Tag color={statusColors.undoing} style={{ marginInlineEnd: 0, width: "fit-content" }}>
          {t("imports.status.undoing")}
        </Tag>
        <Progress percent={undo.percent} size="small" />
      </Flex>
    );
  }
  return <Tag color={statusColors[batch.status]}>{t(`imports.status.${batch.status}`)}</Tag>;
}

/** Past imports: what each did, its report, and undo. */
export function ImportHistoryPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const [searchParams, setSearchParams] = useSearchParams();
  const type = searchParams.get("type");
  const objectType: ImportObjectType | undefined = type === "customer" || type === "contact" ? type : undefined;
  const batches = useImportBatches(objectType);
  const remove = useDeleteImport();
  const showError = useShowError();
  const wide = Grid.useBreakpoint().md !== false;
  const results = useImportResults();

  return (
    <Flex vertical gap={16} style={{ padding: 16 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("imports.historyTitle")}
        </Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => navigate(`/imports/new?type=${objectType ?? "customer"}`)}
        >
          {t("imports.button")}
        </Button>
      </Flex>
      <Segmented
        value={objectType ?? "all"}
        onChange={(v) => setSearchParams(v === "all" ? {} : { type: String(v) })}
        options={[
          { value: "all", label: t("imports.objectType.all") },
          { value: "customer", label: t("imports.objectType.customer") },
          { value: "contact", label: t("imports.objectType.contact") },
        ]}
      />
      <Table<ImportBatch>
        rowKey="id"
        size="small"
        loading={batches.isLoading}
        dataSource={batches.data?.data ?? []}
        // On a phone the columns shrink to fit the screen (the file's line says when and what); on a
        // wider screen the table scrolls inside its card, its actions column always in sight.
        scroll={wide ? { x: 900 } : undefined}
        tableLayout={wide ? undefined : "fixed"}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="import-history"
        columns={[
          ...(wide
            ? [
                {
                  title: t("imports.when"),
                  dataIndex: "createdAt",
                  width: 170,
                  render: (v: string) => format.dateTime(v),
                },
              ]
            : []),
          {
            title: t("imports.file"),
            dataIndex: "fileName",
            ellipsis: wide,
            render: (name: string, b) =>
              wide ? (
                name
              ) : (
                <Flex vertical>
                  <Typography.Text ellipsis>{name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`imports.objectType.${b.objectType}`)} · {format.dateTime(b.createdAt)}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {results(b)}
                  </Typography.Text>
                </Flex>
              ),
          },
          ...(wide
            ? [
                {
                  title: t("imports.kind"),
                  dataIndex: "objectType",
                  width: 90,
                  render: (v: ImportObjectType) => t(`imports.objectType.${v}`),
                },
              ]
            : []),
          {
            title: t("imports.statusLabel"),
            width: wide ? 170 : 104,
            render: (_, b) => <BatchStatus batch={b} />,
          },
          ...(wide
            ? [{ title: t("imports.results"), width: 260, render: (_: unknown, b: ImportBatch) => results(b) }]
            : []),
          {
            title: t("common.actions"),
            width: 84,
            fixed: wide ? ("right" as const) : undefined,
            render: (_, b) => (
              <Space size={4} data-testid={`import-actions-${b.id}`}>
                {b.processedRows > 0 && (
                  <Tooltip title={t("imports.report")}>
                    <Button
                      size="small"
                      icon={<DownloadOutlined />}
                      href={reportUrl(b.id, i18n.language)}
                      download
                      aria-label={t("imports.report")}
                    />
                  </Tooltip>
                )}
                {b.status === "done" && <UndoImportButton batch={b} compact />}
                {b.status === "uploaded" && (
                  <RemoveImportButton batch={b} onConfirm={() => remove.mutateAsync(b.id).catch(showError)} />
                )}
              </Space>
            ),
          },
        ]}
      />
    </Flex>
  );
}
