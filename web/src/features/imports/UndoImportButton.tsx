import { UndoOutlined } from "@ant-design/icons";
import { App, Button, Modal, Popconfirm } from "antd";
import { useTranslation } from "react-i18next";
import { useErrorMessage } from "../../components/useErrorMessage";
import { isApiError } from "../../lib/api/errors";
import { type ImportBatch, useUndoImport } from "./api";

/** Undoes a whole import; when records were changed since, asks before keeping those and reverting the rest. */
export function UndoImportButton({ batch, size }: { batch: ImportBatch; size?: "small" }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const undo = useUndoImport();
  const done = (r: { reverted: number; kept: number }) => message.success(t("imports.undone", r));

  const start = () =>
    undo.mutateAsync({ id: batch.id, force: false }).then(done, (error: unknown) => {
      if (isApiError(error) && error.code === "conflict" && error.details.length > 0) {
        Modal.confirm({
          title: t("imports.undoChanged.title"),
          content: t("imports.undoChanged.body", { count: error.details.length }),
          okText: t("imports.undoChanged.ok"),
          cancelText: t("common.cancel"),
          onOk: () =>
            undo.mutateAsync({ id: batch.id, force: true }).then(done, (e: unknown) => message.error(describe(e))),
        });
      } else message.error(describe(error));
    });

  return (
    <Popconfirm
      title={t("imports.undoConfirm", { count: batch.createdCount + batch.updatedCount })}
      okText={t("imports.undo")}
      okButtonProps={{ danger: true }}
      cancelText={t("common.cancel")}
      onConfirm={start}
    >
      <Button danger size={size} icon={<UndoOutlined />} loading={undo.isPending} data-testid="import-undo">
        {t("imports.undo")}
      </Button>
    </Popconfirm>
  );
}
