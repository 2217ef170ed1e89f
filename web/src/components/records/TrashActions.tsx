import { DeleteOutlined, UndoOutlined } from "@ant-design/icons";
import { App, Button, Popconfirm, Space } from "antd";
import { useTranslation } from "react-i18next";
import { useCan } from "../../features/auth/session";
import { useShowError } from "../useShowError";

/** The list's restore and delete mutations (useRestoreRecord, useDeleteRecord), as the buttons use them. */
export type Restore = {
  isPending: boolean;
  variables?: string;
  mutate(id: string, options: { onSuccess: () => void; onError: (error: unknown) => void }): void;
};
export type Purge = { mutateAsync(variables: { id: string; purge: true }): Promise<unknown> };

/**
 * A trashed record's actions in its list: restore, and delete for good (with the module's delete
 * permission). Messages come from the module's locale section: restore, restored, purge, purged, purgeConfirm.
 */
export function TrashActions({
  module,
  record,
  restore,
  purge,
}: {
  module: "customers" | "contacts";
  record: { id: string; name: string };
  restore: Restore;
  purge: Purge;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const can = useCan();
  return (
    <Space>
      <Button
        size="small"
        icon={<UndoOutlined />}
        loading={restore.isPending && restore.variables === record.id}
        onClick={() =>
          restore.mutate(record.id, {
            onSuccess: () => message.success(t(`${module}.restored`, { name: record.name })),
            onError: showError,
          })
        }
      >
        {t(`${module}.restore`)}
      </Button>
      {can(module, "delete") && (
        <Popconfirm
          title={t(`${module}.purgeConfirm`, { name: record.name })}
          okText={t(`${module}.purge`)}
          okButtonProps={{ danger: true }}
          cancelText={t("common.cancel")}
          onConfirm={() =>
            purge
              .mutateAsync({ id: record.id, purge: true })
              .then(() => message.success(t(`${module}.purged`)), showError)
          }
        >
          <Button size="small" danger icon={<DeleteOutlined />}>
            {t(`${module}.purge`)}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
