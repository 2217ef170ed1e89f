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
import { FindDuplicatesButton } from "../duplicates/FindDuplicatesButton";
import { useContact, useContactAudit, useDeleteContact, useRestoreContact } from "./api";
import { ContactDetails } from "./ContactDetails";
import { ContactFormDrawer } from "./ContactFormDrawer";
import { useContactLabels } from "./labels";

export function ContactDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { message, modal } = App.useApp();
  const describe = useErrorMessage();
  const format = useFormat();
  const can = useCan();
  const labels = useContactLabels();
  const contact = useContact(id);
  const audit = useContactAudit(id);
  const remove = useDeleteContact();
  const restore = useRestoreContact();
  const [editing, setEditing] = useState(false);

  if (contact.isPending) return <PageSpin />;
  if (contact.isError) return <QueryError error={contact.error} onRetry={() => contact.refetch()} />;
  const record = contact.data;
  const inTrash = record.deletedAt !== null;
  const customerNames = new Map<string, string>(
    record.customerId && record.customerName ? [[record.customerId, record.customerName]] : [],
  );

  const confirmDelete = () =>
    modal.confirm({
      title: t("contacts.deleteConfirmTitle", { name: record.name }),
      content: t("contacts.deleteConfirmBody"),
      okText: t("common.delete"),
      okButtonProps: { danger: true, ...{ "data-testid": "contact-delete-confirm" } },
      cancelText: t("common.cancel"),
      onOk: () =>
        remove.mutateAsync({ id: record.id }).then(
          () => {
            message.success(t("contacts.movedToTrash", { name: record.name }));
            navigate("/contacts");
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
            aria-label={t("contacts.back")}
            onClick={() => (location.key !== "default" ? navigate(-1) : navigate("/contacts"))}
          />
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }} ellipsis>
            {record.name}
          </Typography.Title>
          {record.isPrimary && <Tag color="gold">{t("contacts.primary")}</Tag>}
          {inTrash && <Tag color="red">{t("contacts.inTrash")}</Tag>}
        </Flex>
        <Space wrap>
          {inTrash ? (
            <Button
              icon={<UndoOutlined />}
              loading={restore.isPending}
              onClick={() =>
                restore.mutate(record.id, {
                  onSuccess: () => message.success(t("contacts.restored", { name: record.name })),
                  onError: (error) => message.error(describe(error)),
                })
              }
            >
              {t("contacts.restore")}
            </Button>
          ) : (
            <>
              {can("contacts", "edit") && (
                <Button
                  type="primary"
                  icon={<EditOutlined />}
                  onClick={() => setEditing(true)}
                  data-testid="contact-edit"
                >
                  {t("common.edit")}
                </Button>
              )}
              {can("contacts", "edit") && can("contacts", "delete") && (
                <FindDuplicatesButton objectType="contact" record={record} />
              )}
              {can("contacts", "delete") && (
                <Button danger icon={<DeleteOutlined />} onClick={confirmDelete} data-testid="contact-delete">
                  {t("common.delete")}
                </Button>
              )}
            </>
          )}
        </Space>
      </Flex>
      {inTrash && (
        <Alert type="warning" showIcon title={t("contacts.trashNotice", { at: format.dateTime(record.deletedAt) })} />
      )}
      <Card title={t("contacts.details")} size="small">
        <ContactDetails contact={record} />
      </Card>
      <Card title={t("audit.title")} size="small">
        <RecordHistory
          audit={audit}
          fieldLabel={labels.field}
          valueLabel={labels.value}
          references={{ customerId: customerNames }}
          loadMoreTestId="contact-audit-load-more"
        />
      </Card>
      <ContactFormDrawer
        open={editing}
        contact={record}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
    </Flex>
  );
}
