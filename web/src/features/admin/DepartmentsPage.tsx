import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Col, Empty, Flex, Modal, Popconfirm, Row, Spin, Tree, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/PageHeader";
import { QueryError } from "../../components/QueryError";
import { useShowError } from "../../components/useShowError";
import { useDeleteDepartment, useDepartments, useUsers } from "./api";
import { DepartmentForm } from "./DepartmentForm";
import { buildDepartmentTree } from "./departmentTree";

export function DepartmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const departments = useDepartments();
  const users = useUsers();
  const remove = useDeleteDepartment();
  const [selectedId, setSelectedId] = useState<string>();
  const [creating, setCreating] = useState(false);
  // Everything starts expanded, new departments included; only what the user folds stays folded.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());

  if (departments.isPending) return <Spin />;
  if (departments.isError) return <QueryError error={departments.error} onRetry={() => departments.refetch()} />;

  const all = departments.data;
  const selected = all.find((department) => department.id === selectedId);
  const managerName = (id: string | null) => (id ? users.data?.find((user) => user.id === id)?.name : undefined);
  const tree = buildDepartmentTree(all, {
    label: (department) => {
      const manager = managerName(department.managerId);
      return manager ? `${department.name} · ${manager}` : department.name;
    },
  });

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t("admin.departments.title")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="department-new">
            {t("admin.departments.new")}
          </Button>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10}>
          <Card size="small" title={t("admin.departments.tree")} loading={departments.isFetching && !all.length}>
            {all.length === 0 ? (
              <Empty description={t("admin.departments.empty")} />
            ) : (
              <Tree
                blockNode
                treeData={tree}
                expandedKeys={all.map((d) => d.id).filter((id) => !collapsed.has(id))}
                onExpand={(keys) => {
                  const open = new Set(keys.map(String));
                  setCollapsed(new Set(all.map((d) => d.id).filter((id) => !open.has(id))));
                }}
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => setSelectedId(keys.length ? String(keys[0]) : undefined)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card
            size="small"
            title={selected ? selected.name : t("admin.departments.selectHint")}
            extra={
              selected && (
                <Popconfirm
                  title={t("admin.departments.deleteConfirm", { name: selected.name })}
                  okText={t("common.delete")}
                  okButtonProps={{ danger: true }}
                  cancelText={t("common.cancel")}
                  onConfirm={() =>
                    remove.mutateAsync(selected.id).then(() => {
                      message.success(t("admin.departments.deleted"));
                      setSelectedId(undefined);
                    }, showError)
                  }
                >
                  <Button danger size="small" icon={<DeleteOutlined />}>
                    {t("common.delete")}
                  </Button>
                </Popconfirm>
              )
            }
          >
            {selected ? (
              <DepartmentForm
                department={selected}
                onDone={() => undefined}
                onCancel={() => setSelectedId(undefined)}
              />
            ) : (
              <Typography.Text type="secondary">{t("admin.departments.selectBody")}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      <Modal
        open={creating}
        title={t("admin.departments.new")}
        footer={null}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        {creating && (
          <DepartmentForm
            defaultParentId={selectedId}
            onDone={(saved) => {
              setCreating(false);
              setSelectedId(saved.id);
            }}
            onCancel={() => setCreating(false)}
          />
        )}
      </Modal>
    </Flex>
  );
}
