import { DeleteOutlined, DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Flex, Popconfirm, Progress, Segmented, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useFormat } from "../../lib/useFormat";
import { type ImportBatch, type ImportObjectType, reportUrl, useDeleteImport, useImportBatches } from "./api";
import { UndoImportButton } from "./UndoImportButton";

const statusColors: Record<string, string> = {
  uploaded: "default",
  queued: "processing",
  running: "processing",
  done: "success",
  failed: "error",
  undone: "warning",
};

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
  const { message } = App.useApp();
  const describe = useErrorMessage();

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
        scroll={{ x: 800 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="import-history"
        columns={[
          { title: t("imports.when"), dataIndex: "createdAt", width: 170, render: (v: string) => format.dateTime(v) },
          { title: t("imports.file"), dataIndex: "fileName", ellipsis: true },
          {
            title: t("imports.kind"),
            dataIndex: "objectType",
            width: 90,
            render: (v: ImportObjectType) => t(`imports.objectType.${v}`),
          },
          {
            title: t("imports.statusLabel"),
            width: 170,
            render: (_, b) =>
              b.status === "running" || b.status === "queued" ? (
                <Progress percent={Math.floor((b.processedRows / Math.max(b.totalRows, 1)) * 100)} size="small" />
              ) : (
                <Tag color={statusColors[b.status]}>{t(`imports.status.${b.status}`)}</Tag>
              ),
          },
          {
            title: t("imports.results"),
            width: 260,
            render: (_, b) =>
              t("imports.outcome", {
                created: b.createdCount,
                updated: b.updatedCount,
                skipped: b.skippedCount,
                errors: b.errorCount,
              }),
          },
          {
            title: t("common.actions"),
            width: 200,
            render: (_, b) => (
              <Space>
                {b.processedRows > 0 && (
                  <Button size="small" icon={<DownloadOutlined />} href={reportUrl(b.id, i18n.language)} download>
                    {t("imports.report")}
                  </Button>
                )}
                {b.status === "done" && <UndoImportButton batch={b} size="small" />}
                {b.status === "uploaded" && (
                  <Popconfirm
                    title={t("imports.removeConfirm")}
                    okText={t("common.delete")}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => remove.mutateAsync(b.id).catch((error) => message.error(describe(error)))}
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} data-testid={`import-remove-${b.id}`}>
                      {t("common.delete")}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Flex>
  );
}
