import { DownOutlined, StarFilled } from "@ant-design/icons";
import { Alert, App, Button, Dropdown, Flex, type MenuProps, Select, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDiscardGuard } from "../../components/useDiscardGuard";
import { useShowError } from "../../components/useShowError";
import { useCreateView, useDeleteView, useSetDefaultView, useUpdateView, type ViewObjectType } from "./api";
import type { ListView } from "./useListView";
import { ViewFormModal, type ViewFormValues } from "./ViewFormModal";

/** Picks the list's view, and saves, shares, renames, deletes or makes default the views. */
export function ViewSwitcher({ objectType, view }: { objectType: ViewObjectType; view: ListView }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const onError = useShowError();
  const create = useCreateView();
  const update = useUpdateView();
  const remove = useDeleteView();
  const setDefault = useSetDefaultView();
  const [form, setForm] = useState<"new" | "edit">();
  // A view's name typed: closing the dialog or leaving asks first.
  const formGuard = useDiscardGuard(() => setForm(undefined));
  const { current, modified } = view;
  const all = view.views.data ?? [];
  const label = (v: (typeof all)[number]) => (
    <span>
      {v.isDefault && (
        <StarFilled style={{ color: "#faad14", marginInlineEnd: 4 }} aria-label={t("savedViews.default")} />
      )}
      {v.name}
    </span>
  );

  const save = (values: ViewFormValues) => {
    const done = () => {
      message.success(t("savedViews.saved"));
      formGuard.done();
    };
    if (form === "edit" && current) {
      update.mutate({ id: current.id, body: { version: current.version, ...values } }, { onSuccess: done, onError });
    } else {
      create.mutate(
        { objectType, ...values, ...view.snapshot() },
        {
          onSuccess: (saved) => {
            done();
            view.open(saved);
          },
          onError,
        },
      );
    }
  };

  const items: MenuProps["items"] = [
    current?.canEdit && modified ? { key: "save", label: t("savedViews.saveChanges") } : null,
    { key: "saveAs", label: t("savedViews.saveAs") },
    current?.canEdit ? { key: "edit", label: t("savedViews.edit") } : null,
    current
      ? { key: "default", label: current.isDefault ? t("savedViews.unsetDefault") : t("savedViews.setDefault") }
      : null,
    current?.canEdit ? { type: "divider" as const } : null,
    current?.canEdit ? { key: "delete", danger: true, label: t("savedViews.delete") } : null,
  ];

  const onMenu: MenuProps["onClick"] = ({ key }) => {
    if (key === "saveAs") setForm("new");
    if (key === "edit") setForm("edit");
    if (!current) return;
    if (key === "save") {
      update.mutate(
        { id: current.id, body: { version: current.version, ...view.snapshot() } },
        { onSuccess: () => message.success(t("savedViews.saved")), onError },
      );
    }
    if (key === "default") {
      setDefault.mutate({ objectType, viewId: current.isDefault ? null : current.id }, { onError });
    }
    if (key === "delete") {
      modal.confirm({
        title: t("savedViews.deleteConfirm", { name: current.name }),
        okText: t("common.delete"),
        okButtonProps: { danger: true },
        cancelText: t("common.cancel"),
        onOk: () =>
          remove.mutateAsync(current.id).then(() => {
            message.success(t("savedViews.deleted"));
            view.open(undefined);
          }, onError),
      });
    }
  };

  return (
    <Flex gap={4} align="center" wrap>
      <Select
        value={current?.id ?? ""}
        loading={view.views.isPending}
        style={{ minWidth: 160, maxWidth: 260 }}
        popupMatchSelectWidth={false}
        aria-label={t("savedViews.view")}
        data-testid="view-switcher"
        onChange={(id: string) => view.open(all.find((v) => v.id === id))}
        options={[
          { value: "", label: t("savedViews.allRecords") },
          ...[
            { label: t("savedViews.mine"), options: all.filter((v) => v.visibility === "private") },
            { label: t("savedViews.shared"), options: all.filter((v) => v.visibility === "organization") },
          ]
            .filter((group) => group.options.length > 0)
            .map((group) => ({
              label: group.label,
              options: group.options.map((v) => ({ value: v.id, label: label(v) })),
            })),
        ]}
      />
      {modified && <Tag color="orange">{t("savedViews.modified")}</Tag>}
      {/* The server leaves out of a view the custom fields archived or deleted since it was saved. */}
      {current && current.stale.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t("savedViews.staleFields")}
          style={{ paddingBlock: 2 }}
          data-testid="view-stale"
        />
      )}
      <Dropdown menu={{ items, onClick: onMenu }} trigger={["click"]}>
        <Button data-testid="view-menu">
          {t("savedViews.views")} <DownOutlined />
        </Button>
      </Dropdown>
      <ViewFormModal
        open={form !== undefined}
        initial={form === "edit" ? current : undefined}
        saving={create.isPending || update.isPending}
        onSave={save}
        onCancel={formGuard.close}
        onEdit={formGuard.markDirty}
      />
    </Flex>
  );
}
