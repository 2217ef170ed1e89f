import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, UndoOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Flex, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate, useParams } from "react-router";
import { PageSpin } from "../../components/PageSpin";
import { QueryError } from "../../components/QueryError";
import { RecordHistory } from "../../components/records/RecordHistory";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useFormat } from "../../lib/useFormat";
import { useCan } from "../auth/session";
import { CustomerContactsCard } from "../contacts/CustomerContactsCard";
import { FindDuplicatesButton } from "../duplicates/FindDuplicatesButton";
import { CustomerOwnershipActions } from "../pool/CustomerOwnershipActions";
import { MembersCard } from "../sharing/MembersCard";
import { CustomerTimelineCard } from "../timeline/CustomerTimelineCard";
import { useCustomer, useCustomerAudit, useDeleteCustomer, useRestoreCustomer } from "./api";
import { CustomerDetails } from "./CustomerDetails";
import { CustomerFormDrawer } from "./CustomerFormDrawer";
import { useCustomerLabels } from "./labels";

export function CustomerDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { message, modal } = App.useApp();
  const describe = useErrorMessage();
  const format = useFormat();
  const can = useCan();
  const labels = useCustomerLabels();
  const customer = useCustomer(id);
  const audit = useCustomerAudit(id);
  const remove = useDeleteCustomer();
  const restore = useRestoreCustomer();
  const [editing, setEditing] = useState(false);

  if (customer.isPending) return <PageSpin />;
  if (customer.isError) return <QueryError error={customer.error} onRetry={() => customer.refetch()} />;
  const record = customer.data;
  const inTrash = record.deletedAt !== null;

  const confirmDelete = () =>
    modal.confirm({
      title: t("customers.deleteConfirmTitle", { name: record.name }),
      content: t("customers.deleteConfirmBody"),
      okText: t("common.delete"),
      okButtonProps: { danger: true, ...{ "data-testid": "customer-delete-confirm" } },
      cancelText: t("common.cancel"),
      onOk: () =>
        remove.mutateAsync({ id: record.id }).then(
          () => {
            message.success(t("customers.movedToTrash", { name: record.name }));
            navigate("/customers");
          },
          (error: unknown) => {
            message.error(describe(error));
          },
        ),
    });

  return (
    <Flex vertical gap={16}>
      <Flex wrap gap={8} align="center" justify="space-between">
        <Flex gap={8} align="center" style={{ minWidth: 0 }}>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label={t("nav.backToCustomers")}
            // Back to the list as it was (filters live in its URL) when we came from it.
            onClick={() => (location.key !== "default" ? navigate(-1) : navigate("/customers"))}
          />
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }} ellipsis>
            {record.name}
          </Typography.Title>
          {inTrash && <Tag color="red">{t("customers.inTrash")}</Tag>}
        </Flex>
        <Space wrap>
          {inTrash ? (
            <Button
              icon={<UndoOutlined />}
              loading={restore.isPending}
              onClick={() =>
                restore.mutate(record.id, {
                  onSuccess: () => message.success(t("customers.restored", { name: record.name })),
                  onError: (error) => message.error(describe(error)),
                })
              }
            >
              {t("customers.restore")}
            </Button>
          ) : (
            <>
              {can("customers", "edit") && (
                <Button
                  type="primary"
                  icon={<EditOutlined />}
                  onClick={() => setEditing(true)}
                  data-testid="customer-edit"
                >
                  {t("common.edit")}
                </Button>
              )}
              <CustomerOwnershipActions customer={record} />
              {can("customers", "edit") && can("customers", "delete") && (
                <FindDuplicatesButton objectType="customer" record={record} />
              )}
              {can("customers", "delete") && (
                <Button danger icon={<DeleteOutlined />} onClick={confirmDelete} data-testid="customer-delete">
                  {t("common.delete")}
                </Button>
              )}
            </>
          )}
        </Space>
      </Flex>
      {inTrash && (
        <Alert type="warning" showIcon title={t("customers.trashNotice", { at: format.dateTime(record.deletedAt) })} />
      )}
      <Card title={t("customers.details")} size="small">
        <CustomerDetails customer={record} />
      </Card>
      {!inTrash && <MembersCard customerId={record.id} ownerId={record.ownerId} editable={can("customers", "edit")} />}
      <CustomerContactsCard customer={record} />
      <CustomerTimelineCard customer={record} />
      <Card title={t("audit.title")} size="small">
        <RecordHistory audit={audit} fieldLabel={labels.field} valueLabel={labels.value} />
      </Card>
      <CustomerFormDrawer
        open={editing}
        customer={record}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
    </Flex>
  );
}
