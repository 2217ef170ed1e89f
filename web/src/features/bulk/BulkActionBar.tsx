import { DeleteOutlined, DownloadOutlined, ExportOutlined, TagOutlined, UserSwitchOutlined } from "@ant-design/icons";
import { Alert, App, Button, Dropdown, Flex, Form, Modal, Select, Spin, Typography } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { closableUnless } from "../../components/busyModal";
import { useDiscardGuard } from "../../components/useDiscardGuard";
import { useShowError } from "../../components/useShowError";
import type { Progress } from "../../lib/api/progress";
import { useCan } from "../auth/session";
import { useCustomerLabels } from "../customers/labels";
import { exportUrl, useExportColumns } from "../exports/ExportButton";
import { type OwnerChange, OwnerChangeModal } from "../pool/OwnerChangeModal";
import { type BulkObject, downloadSelected, useBulkCount, useContactBulk, useCustomerBulk } from "./api";
import { BulkProgress } from "./BulkProgress";
import { selectionText } from "./selectionText";
import type { Selection } from "./useSelection";

type Dialog = "addTag" | "removeTag" | "transfer" | "release" | "delete" | null;

export interface BulkActionBarProps {
  objectType: BulkObject;
  selection: Selection;
  /** The list's filters and search, for "all that match". */
  filter: Record<string, unknown>;
  /** The list's visible columns, for export. */
  columns: readonly string[];
}

/**
 * What to do with the rows picked in a list, or with every row that matches its filter: tag,
 * transfer, release to the pool, delete, export. Each runs on the server all or nothing; its dialog
 * stays open with the server's progress until it is done (or fails, changing nothing).
 */
export function BulkActionBar({ objectType, selection, filter, columns }: BulkActionBarProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const can = useCan();
  const labels = useCustomerLabels();
  const [progress, setProgress] = useState<Progress | null>(null);
  const customerBulk = useCustomerBulk(setProgress);
  const contactBulk = useContactBulk(setProgress);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [tag, setTag] = useState<string[]>([]);
  // A tag picked or a reason typed for an owner change: closing its dialog or leaving asks first.
  const dialogGuard = useDiscardGuard(() => {
    setDialog(null);
    setTag([]);
  });
  const matching = useBulkCount(objectType, filter, selection.allMatching);
  const exported = useExportColumns(objectType, columns);
  if (!selection.active) return null;

  const target = selection.allMatching ? { filter } : { ids: selection.ids };
  const pending = customerBulk.isPending || contactBulk.isPending;
  const counting = selection.allMatching && matching.isPending;
  const { label, what } = selectionText(t, objectType, selection, matching.data);
  // Nothing the caller may change matches (or not known yet): only export, which takes what they may view.
  const nothingToChange = counting || (selection.allMatching && matching.data?.count === 0);

  const run = (body: { action: string } & Record<string, unknown>) => {
    setProgress(null);
    const request =
      objectType === "customers"
        ? customerBulk.mutateAsync({ ...target, ...body } as Parameters<typeof customerBulk.mutateAsync>[0])
        : contactBulk.mutateAsync({ ...target, ...body } as Parameters<typeof contactBulk.mutateAsync>[0]);
    return request.then(
      (result) => {
        message.success(t("bulk.done", { count: result.count }));
        selection.clear();
        dialogGuard.done();
      },
      (error: unknown) => {
        showError(error);
        throw error;
      },
    );
  };

  const exportAs = (format: "csv" | "xlsx") => {
    const lang = i18n.language.startsWith("zh") ? "zh-CN" : "en";
    if (selection.allMatching) {
      window.location.assign(exportUrl(objectType, filter, exported, format, lang));
      return;
    }
    downloadSelected(objectType, { ids: selection.ids, format, columns: exported, lang }).catch((error: unknown) =>
      showError(error),
    );
  };

  const customers = objectType === "customers";
  const buttons: ReactNode[] = [];
  if (customers && can("customers", "edit")) {
    buttons.push(
      <Button
        key="addTag"
        icon={<TagOutlined />}
        disabled={nothingToChange}
        onClick={() => setDialog("addTag")}
        data-testid="bulk-add-tag"
      >
        {t("bulk.addTag")}
      </Button>,
      <Button
        key="removeTag"
        disabled={nothingToChange}
        onClick={() => setDialog("removeTag")}
        data-testid="bulk-remove-tag"
      >
        {t("bulk.removeTag")}
      </Button>,
      <Button
        key="release"
        icon={<ExportOutlined />}
        disabled={nothingToChange}
        onClick={() => setDialog("release")}
        data-testid="bulk-release"
      >
        {t("pool.release.button")}
      </Button>,
    );
  }
  if (customers && can("customers", "transfer")) {
    buttons.push(
      <Button
        key="transfer"
        icon={<UserSwitchOutlined />}
        disabled={nothingToChange}
        onClick={() => setDialog("transfer")}
        data-testid="bulk-transfer"
      >
        {t("pool.transfer.button")}
      </Button>,
    );
  }
  if (can(objectType, "export")) {
    buttons.push(
      <Dropdown
        key="export"
        trigger={["click"]}
        menu={{
          items: [
            ...(["csv", "xlsx"] as const).map((format) => ({
              key: format,
              label: <span data-testid={`bulk-export-${format}`}>{t(`exports.${format}`)}</span>,
              onClick: () => exportAs(format),
            })),
          ],
        }}
      >
        <Button icon={<DownloadOutlined />} data-testid="bulk-export">
          {t("bulk.export")}
        </Button>
      </Dropdown>,
    );
  }
  if (can(objectType, "delete")) {
    buttons.push(
      <Button
        key="delete"
        danger
        icon={<DeleteOutlined />}
        disabled={nothingToChange}
        onClick={() => setDialog("delete")}
        data-testid="bulk-delete"
      >
        {t("common.delete")}
      </Button>,
    );
  }

  const ownerChange = (mode: "transfer" | "release") => (change: OwnerChange) =>
    run({ action: mode, reason: change.reason, ...(mode === "transfer" ? { ownerId: change.ownerId } : {}) });
  const working = pending && <BulkProgress progress={progress} />;

  return (
    <Alert
      type="info"
      data-testid="bulk-bar"
      title={
        <Flex wrap gap={8} align="center">
          {counting && <Spin size="small" />}
          <Typography.Text strong data-testid="bulk-count">
            {counting ? t("bulk.counting") : label}
          </Typography.Text>
          {!selection.allMatching && (
            <Button type="link" size="small" onClick={selection.selectAllMatching} data-testid="bulk-all-matching">
              {t("bulk.selectAllMatching")}
            </Button>
          )}
          <Button type="link" size="small" onClick={selection.clear}>
            {t("bulk.clear")}
          </Button>
          {pending ? <Spin size="small" aria-label={t("bulk.working")} /> : buttons}
          <Modal
            open={dialog === "addTag" || dialog === "removeTag"}
            title={t(dialog === "removeTag" ? "bulk.removeTagTitle" : "bulk.addTagTitle", { what })}
            okText={t("common.save")}
            cancelText={t("common.cancel")}
            okButtonProps={{ disabled: tag.length === 0, loading: pending, ...{ "data-testid": "bulk-tag-ok" } }}
            onCancel={dialogGuard.close}
            {...closableUnless(pending)}
            // run shows a failure as a message and the dialog stays open: nothing is left to handle.
            onOk={() => run({ action: dialog ?? "addTag", tag: tag[0] }).catch(() => undefined)}
            destroyOnHidden
          >
            <Form layout="vertical">
              <Form.Item label={t("customers.fields.tags")}>
                <Select<string[]>
                  mode="tags"
                  maxCount={1}
                  value={tag}
                  onChange={(picked) => {
                    setTag(picked);
                    dialogGuard.markDirty();
                  }}
                  options={labels.lists.tags.filterOptions}
                  data-testid="bulk-tag"
                />
              </Form.Item>
            </Form>
            {working}
          </Modal>
          <Modal
            open={dialog === "delete"}
            title={t("bulk.deleteTitle", { what })}
            okText={t("common.delete")}
            cancelText={t("common.cancel")}
            okButtonProps={{ danger: true, loading: pending, ...{ "data-testid": "bulk-delete-confirm" } }}
            onCancel={() => setDialog(null)}
            onOk={() => run({ action: "delete" }).catch(() => undefined)}
            {...closableUnless(pending)}
            destroyOnHidden
          >
            <Typography.Paragraph>{t("bulk.deleteBody")}</Typography.Paragraph>
            {working}
          </Modal>
          <OwnerChangeModal
            mode="transfer"
            open={dialog === "transfer"}
            subject={what}
            onCancel={dialogGuard.close}
            onEdit={dialogGuard.markDirty}
            onSubmit={ownerChange("transfer")}
            busy={pending}
          >
            {working}
          </OwnerChangeModal>
          <OwnerChangeModal
            mode="release"
            open={dialog === "release"}
            subject={what}
            onCancel={dialogGuard.close}
            onEdit={dialogGuard.markDirty}
            onSubmit={ownerChange("release")}
            busy={pending}
          >
            {working}
          </OwnerChangeModal>
        </Flex>
      }
    />
  );
}
