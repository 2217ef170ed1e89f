import { Card, Checkbox, Flex, Grid, Select, Spin, Table, type TableColumnsType, Typography } from "antd";
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

/**
 * One row per module: a checkbox per action it supports, and the data scope. Works as a form control.
 * On a phone the nine columns do not fit: one card per module, its actions wrapping.
 */
export function PermissionMatrix({ id, modules, value = {}, onChange, loading }: PermissionMatrixProps) {
  const { t } = useTranslation();
  const phone = Grid.useBreakpoint().md === false;
  const moduleName = (key: string) => (isOneOf(KNOWN_MODULES, key) ? t(`modules.${key}`) : key);
  const actionBox = (module: ModuleInfo, action: (typeof ACTIONS)[number], label?: string) => (
    <Checkbox
      key={action}
      checked={value[module.key]?.actions.includes(action) ?? false}
      onChange={(event) => onChange?.(toggleAction(value, module.key, action, event.target.checked))}
      aria-label={`${moduleName(module.key)} · ${t(`admin.roles.action.${action}`)}`}
    >
      {label}
    </Checkbox>
  );
  const scopeControl = (module: ModuleInfo, width?: number | string) =>
    // Settings, tags, the pool and the like are not filtered by scope: nothing to choose.
    module.scoped ? (
      <Select
        size="small"
        style={{ minWidth: 180, width }}
        disabled={!value[module.key]}
        value={value[module.key]?.scope ?? "own"}
        onChange={(scope) => onChange?.(setScope(value, module.key, scope))}
        options={SCOPES.map((scope) => ({ value: scope, label: t(`admin.roles.scope.${scope}`) }))}
        aria-label={`${moduleName(module.key)} · ${t("admin.roles.scopeColumn")}`}
      />
    ) : (
      <Typography.Text type="secondary">{t("admin.roles.noScope")}</Typography.Text>
    );

  if (phone) {
    return (
      <Flex vertical gap={8} id={id}>
        {loading && <Spin />}
        {modules.map((module) => (
          <Card key={module.key} size="small" title={moduleName(module.key)} data-testid="permission-module">
            <Flex vertical gap={8}>
              <Flex wrap gap={8}>
                {ACTIONS.filter((action) => module.actions.includes(action)).map((action) =>
                  actionBox(module, action, t(`admin.roles.action.${action}`)),
                )}
              </Flex>
              <Flex vertical gap={4}>
                <Typography.Text type="secondary">{t("admin.roles.scopeColumn")}</Typography.Text>
                {scopeControl(module, "100%")}
              </Flex>
            </Flex>
          </Card>
        ))}
      </Flex>
    );
  }

  const columns: TableColumnsType<ModuleInfo> = [
    { key: "module", title: t("admin.roles.module"), fixed: "left", render: (_, module) => moduleName(module.key) },
    ...ACTIONS.map((action): TableColumnsType<ModuleInfo>[number] => ({
      key: action,
      title: t(`admin.roles.action.${action}`),
      align: "center",
      render: (_, module) => (module.actions.includes(action) ? actionBox(module, action) : null),
    })),
    {
      key: "scope",
      title: t("admin.roles.scopeColumn"),
      render: (_, module) => scopeControl(module),
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
