import { Checkbox, Select, Table, type TableColumnsType, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { isOneOf } from "../../lib/guards";
import type { ModuleInfo } from "./api";
import { ACTIONS, KNOWN_MODULES, type Permissions, SCOPES, setScope, toggleAction } from "./permissions";

interface PermissionMatrixProps {
  id?: string;
  modules: ModuleInfo[];
  value?: Permissions;
  onChange?: (value: Permissions) => void;
  loading?: boolean;
}

/** One row per module: a checkbox per action it supports, and the data scope. Works as a form control. */
export function PermissionMatrix({ id, modules, value = {}, onChange, loading }: PermissionMatrixProps) {
  const { t } = useTranslation();
  const moduleName = (key: string) => (isOneOf(KNOWN_MODULES, key) ? t(`modules.${key}`) : key);

  const columns: TableColumnsType<ModuleInfo> = [
    { key: "module", title: t("admin.roles.module"), fixed: "left", render: (_, module) => moduleName(module.key) },
    ...ACTIONS.map((action): TableColumnsType<ModuleInfo>[number] => ({
      key: action,
      title: t(`admin.roles.action.${action}`),
      align: "center",
      render: (_, module) =>
        module.actions.includes(action) ? (
          <Checkbox
            checked={value[module.key]?.actions.includes(action) ?? false}
            onChange={(event) => onChange?.(toggleAction(value, module.key, action, event.target.checked))}
            aria-label={`${moduleName(module.key)} · ${t(`admin.roles.action.${action}`)}`}
          />
        ) : null,
    })),
    {
      key: "scope",
      title: t("admin.roles.scopeColumn"),
      // Settings, tags, the pool and the like are not filtered by scope: nothing to choose.
      render: (_, module) =>
        module.scoped ? (
          <Select
            size="small"
            style={{ minWidth: 180 }}
            disabled={!value[module.key]}
            value={value[module.key]?.scope ?? "own"}
            onChange={(scope) => onChange?.(setScope(value, module.key, scope))}
            options={SCOPES.map((scope) => ({ value: scope, label: t(`admin.roles.scope.${scope}`) }))}
            aria-label={`${moduleName(module.key)} · ${t("admin.roles.scopeColumn")}`}
          />
        ) : (
          <Typography.Text type="secondary">{t("admin.roles.noScope")}</Typography.Text>
        ),
    },
  ];

  return (
    <div id={id}>
      <Table<ModuleInfo>
        rowKey="key"
        size="small"
        bordered
        loading={loading}
        pagination={false}
        scroll={{ x: "max-content" }}
        dataSource={modules}
        columns={columns}
      />
    </div>
  );
}
