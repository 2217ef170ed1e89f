import { DownloadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Flex, Progress, Result, Spin, Typography } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { reportUrl, running, undoProgress, useImportBatch } from "./api";
import { useImportResults } from "./labels";
import { UndoImportButton } from "./UndoImportButton";

/** The running import's progress (polled from its batch), then its outcome, report and undo, and the undo's progress. */
export function ProgressStep({ batchId, onAnother }: { batchId: string; onAnother: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { data: batch } = useImportBatch(batchId);
  const results = useImportResults();
  const status = batch?.status;
  // Finished: the lists and pages that show imported records are stale now.
  useEffect(() => {
    if (status === "done" || status === "failed" || status === "undone") void queryClient.invalidateQueries();
  }, [status, queryClient]);
  if (!batch) return <Spin />;
  const undoing = batch.status === "undoing";
  const undo = undoProgress(batch);
  const percent = undoing
    ? undo.percent
    : batch.totalRows === 0
      ? 100
      : Math.floor((batch.processedRows / batch.totalRows) * 100);
  const finished = !running(batch);
  const listPath = batch.objectType === "customer" ? "/customers" : "/contacts";

  return (
    <Flex vertical gap={16} data-testid="import-progress" data-status={batch.status}>
      <Progress
        percent={finished && (batch.status === "done" || batch.status === "undone") ? 100 : percent}
        status={batch.status === "failed" ? "exception" : finished ? "success" : "active"}
      />
      <Typography.Text data-testid="import-progress-text">
        {undoing
          ? t("imports.undoing", { done: undo.done, total: undo.total })
          : `${t(`imports.status.${batch.status}`)} · ${t("imports.processed", { done: batch.processedRows, total: batch.totalRows })}`}
      </Typography.Text>
      {finished && (
        <Result
          status={batch.status === "done" ? "success" : batch.status === "failed" ? "error" : "info"}
          title={t(`imports.status.${batch.status}`)}
          subTitle={<span data-testid="import-results">{results(batch)}</span>}
          extra={
            <Flex gap={8} wrap justify="center">
              <Button
                icon={<DownloadOutlined />}
                href={reportUrl(batch.id, i18n.language)}
                download
                data-testid="import-report"
              >
                {t("imports.report")}
              </Button>
              {batch.status === "done" && <UndoImportButton batch={batch} />}
              <Link to={listPath}>
                <Button type="primary">{t(`imports.backTo.${batch.objectType}`)}</Button>
              </Link>
              <Button onClick={onAnother}>{t("imports.another")}</Button>
            </Flex>
          }
        />
      )}
      {batch.error && <Alert type="warning" showIcon title={batch.error} />}
    </Flex>
  );
}
