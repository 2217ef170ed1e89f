import { Alert, Button, Empty, Flex, Spin, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useFormat } from "../../lib/useFormat";
import { type AuditEntry, useCustomerAudit } from "./api";
import { useCustomerLabels } from "./labels";

const actionColors: Record<AuditEntry["action"], string> = {
  create: "green",
  update: "blue",
  delete: "red",
  restore: "gray",
  purge: "red",
};

/** Who changed what and when, newest first, one page at a time. */
export function AuditHistory({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const format = useFormat();
  const describe = useErrorMessage();
  const audit = useCustomerAudit(customerId);

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
          title: (
            <Typography.Text type="secondary">
              {t(`audit.action.${entry.action}`, {
                actor: entry.actorName ?? t("audit.system"),
                at: format.dateTime(entry.at),
              })}
            </Typography.Text>
          ),
          content:
            entry.changes.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {entry.changes.map((change) => (
                  <li key={change.field}>
                    <Typography.Text strong>{labels.field(change.field)}</Typography.Text>
                    {": "}
                    <Typography.Text delete type="secondary">
                      {labels.value(change.field, change.from)}
                    </Typography.Text>
                    {" → "}
                    <Typography.Text>{labels.value(change.field, change.to)}</Typography.Text>
                  </li>
                ))}
              </ul>
            ) : null,
        }))}
      />
      {audit.hasNextPage && (
        <Button
          onClick={() => audit.fetchNextPage()}
          loading={audit.isFetchingNextPage}
          style={{ alignSelf: "flex-start" }}
          data-testid="audit-load-more"
        >
          {t("common.loadMore")}
        </Button>
      )}
    </Flex>
  );
}
