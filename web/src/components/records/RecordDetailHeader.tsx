import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, UndoOutlined } from "@ant-design/icons";
import { Alert, App, Button, Flex, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { useCan } from "../../features/auth/session";
import { useFormat } from "../../lib/useFormat";
import { useShowError } from "../useShowError";
import type { Restore } from "./TrashActions";

type Remove = { mutateAsync(variables: { id: string }): Promise<unknown> };

/**
 * A record page's header: back to the list, the name, its state, and edit / delete (to the trash,
 * confirmed) or restore; a trashed record also gets a notice. Texts come from the module's locale
 * section (deleteConfirmTitle, deleteConfirmBody, movedToTrash, restore, restored, inTrash, trashNotice).
 * Edit and delete need the role's action and a record the caller may change (`access` is "read" when
 * it is only shared with them read-only).
 */
export function RecordDetailHeader({
  module,
  testIdPrefix,
  record,
  backLabel,
  tags,
  actions,
  onEdit,
  remove,
  restore,
}: {
  module: "customers" | "contacts";
  testIdPrefix: string;
  record: { id: string; name: string; deletedAt: string | null; access?: "read" | "write" };
  backLabel: string;
  /** Shown after the name, e.g. "primary contact". */
  tags?: ReactNode;
  /** Further actions of a live record, between edit and delete. */
  actions?: ReactNode;
  onEdit: () => void;
  remove: Remove;
  restore: Restore;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const format = useFormat();
  const can = useCan();
  const listPath = `/${module}`;
  const inTrash = record.deletedAt !== null;
  const writable = record.access !== "read";

  const confirmDelete = () =>
    modal.confirm({
      title: t(`${module}.deleteConfirmTitle`, { name: record.name }),
      content: t(`${module}.deleteConfirmBody`),
      okText: t("common.delete"),
      okButtonProps: { danger: true, ...{ "data-testid": `${testIdPrefix}-delete-confirm` } },
      cancelText: t("common.cancel"),
      onOk: () =>
        remove.mutateAsync({ id: record.id }).then(
          () => {
            message.success(t(`${module}.movedToTrash`, { name: record.name }));
            navigate(listPath);
          },
          (error: unknown) => {
            showError(error);
          },
        ),
    });

  return (
    <>
      <Flex wrap gap={8} align="center" justify="space-between">
        <Flex gap={8} align="center" style={{ minWidth: 0 }}>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label={backLabel}
            // Back to the list as it was (filters live in its URL) when we came from it.
            onClick={() => (location.key !== "default" ? navigate(-1) : navigate(listPath))}
          />
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }} ellipsis>
            {record.name}
          </Typography.Title>
          {tags}
          {inTrash && <Tag color="red">{t(`${module}.inTrash`)}</Tag>}
        </Flex>
        {/* Flex, not Space: Space spaces its direct children only, not the buttons inside `actions`. */}
        <Flex wrap gap={8}>
          {inTrash ? (
            <Button
              icon={<UndoOutlined />}
              loading={restore.isPending}
              onClick={() =>
                restore.mutate(record.id, {
                  onSuccess: () => message.success(t(`${module}.restored`, { name: record.name })),
                  onError: showError,
                })
              }
            >
              {t(`${module}.restore`)}
            </Button>
          ) : (
            <>
              {can(module, "edit") && writable && (
                <Button type="primary" icon={<EditOutlined />} onClick={onEdit} data-testid={`${testIdPrefix}-edit`}>
                  {t("common.edit")}
                </Button>
              )}
              {actions}
              {can(module, "delete") && writable && (
                <Button danger icon={<DeleteOutlined />} onClick={confirmDelete} data-testid={`${testIdPrefix}-delete`}>
                  {t("common.delete")}
                </Button>
              )}
            </>
          )}
        </Flex>
      </Flex>
      {inTrash && (
        <Alert type="warning" showIcon title={t(`${module}.trashNotice`, { at: format.dateTime(record.deletedAt) })} />
      )}
    </>
  );
}
