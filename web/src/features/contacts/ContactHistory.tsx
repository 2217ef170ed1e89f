import { Alert, Button, Empty, Flex, Spin, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useFormat } from "../../lib/useFormat";
import { useDepartments, useUsers } from "../admin/api";
import { type ContactAuditEntry, useContactAudit } from "./api";
import { useContactLabels } from "./labels";

const actionColors: Record<ContactAuditEntry["action"], string> = {
  create: "green",
  update: "blue",
  delete: "red",
  restore: "gray",
  purge: "red",
};

/** Who changed what and when, newest first, one page at a time. */
export function ContactHistory({
  contactId,
  customerNames,
}: {
  contactId: string;
  customerNames: Map<string, string>;
}) {
  const { t } = useTranslation();
  const labels = useContactLabels();
  const format = useFormat();
  const describe = useErrorMessage();
  const audit = useContactAudit(contactId);
  const users = useUsers();
  const departments = useDepartments();
  const nameOf = new Map<string, string>([
    ...customerNames,
    ...(users.data ?? []).map((u): [string, string] => [u.id, u.name]),
    ...(departments.data ?? []).map((d): [string, string] => [d.id, d.name]),
  ]);
  const show = (field: string, value: unknown) =>
    (field === "ownerId" || field === "departmentId" || field === "customerId") && typeof value === "string"
      ? (nameOf.get(value) ?? value)
      : labels.value(field, value);

  if (audit.isPending) return <Spin />;
  if (audit.isError) return <Alert type="error" showIcon title={describe(audit.error)} />;
  const entries = audit.data.pages.flatMap((page) => page.data);
  if (entries.length === 0) return <Empty description={t("audit.empty")} />;
  return (
    <Flex vertical gap={8}>
      <Timeline
        items={entries.map((entry) => ({
          key: entry.id,
          color: actionColors[entry.action],
          content: (
            <>
              <Typography.Text type="secondary">
                {t(`audit.action.${entry.action}`, {
                  actor: entry.actorName ?? t("audit.system"),
                  at: format.dateTime(entry.at),
                })}
              </Typography.Text>
              {entry.changes.length > 0 && (
                <ul style={{ margin: "4px 0 0", paddingInlineStart: 18 }}>
                  {entry.changes.map((change) => (
                    <li key={change.field}>
                      <Typography.Text strong>{labels.field(change.field)}</Typography.Text>
                      {": "}
                      {entry.action !== "create" && (
                        <>
                          <Typography.Text delete type="secondary">
                            {show(change.field, change.from)}
                          </Typography.Text>
                          {" → "}
                        </>
                      )}
                      <Typography.Text>{show(change.field, change.to)}</Typography.Text>
                    </li>
                  ))}
                </ul>
              )}
            </>
          ),
        }))}
      />
      {audit.hasNextPage && (
        <Button
          onClick={() => audit.fetchNextPage()}
          loading={audit.isFetchingNextPage}
          style={{ alignSelf: "flex-start" }}
          data-testid="contact-audit-load-more"
        >
          {t("common.loadMore")}
        </Button>
      )}
    </Flex>
  );
}
