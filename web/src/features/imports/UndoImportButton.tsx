import { UndoOutlined } from "@ant-design/icons";
import { App, Button, Flex, Modal, Popconfirm, Tooltip } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useShowError } from "../../components/useShowError";
import { isApiError } from "../../lib/api/errors";
import { type ImportBatch, useUndoImport } from "./api";
import { useUndoQuestion } from "./labels";

/** The rows an undo's 409 names at most (server: imports/undo.ts). */
const KEPT_ROWS_NAMED = 100;

/**
 * Undoes a whole import in the background (the batch shows its progress while undoing); when
 * records were changed since, asks before keeping those and reverting the rest. `compact`: an
 * icon with a tooltip, for a table's actions.
 */
export function UndoImportButton({ batch, compact }: { batch: ImportBatch; compact?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const undo = useUndoImport();
  const question = useUndoQuestion();
  // The tooltip steps aside while the question is open: on a phone it would cover its buttons.
  const [asking, setAsking] = useState(false);
  const started = () => message.info(t("imports.undoStarted"));

  const start = () =>
    undo.mutateAsync({ id: batch.id, force: false }).then(started, (error: unknown) => {
      if (isApiError(error) && error.code === "conflict" && error.details.length > 0) {
        // The details name each kept row (one detail a reason), the first KEPT_ROWS_NAMED rows only.
        const rows = new Set(error.details.map((d) => d.path)).size;
        Modal.confirm({
          title: t("imports.undoChanged.title"),
          content: t(rows < KEPT_ROWS_NAMED ? "imports.undoChanged.body" : "imports.undoChanged.bodyMany", {
            count: rows,
          }),
          okText: t("imports.undoChanged.ok"),
          cancelText: t("common.cancel"),
          onOk: () => undo.mutateAsync({ id: batch.id, force: true }).then(started, (e: unknown) => showError(e)),
        });
      } else showError(error);
    });

  const button = (
    <Button
      danger
      size={compact ? "small" : undefined}
      icon={<UndoOutlined />}
      loading={undo.isPending}
      aria-label={compact ? t("imports.undo") : undefined}
      data-testid="import-undo"
    >
      {compact ? null : t("imports.undo")}
    </Button>
  );
  return (
    <Popconfirm
      title={t("imports.undoConfirm")}
      description={
        <Flex vertical data-testid="import-undo-question">
          {question(batch).map((line) => (
            <span key={line}>{line}</span>
          ))}
        </Flex>
      }
      okText={t("imports.undo")}
      okButtonProps={{ danger: true }}
      cancelText={t("common.cancel")}
      onConfirm={start}
      onOpenChange={setAsking}
    >
      {compact ? (
        <Tooltip title={t("imports.undo")} open={asking ? false : undefined}>
          {button}
        </Tooltip>
      ) : (
        button
      )}
    </Popconfirm>
  );
}
