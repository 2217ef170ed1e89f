import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import { Alert, Button, Empty, Flex, Spin, Timeline, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useDepartments, useUsers } from "../../features/admin/api";
import type { AuditEntry, AuditPage } from "../../lib/records/types";
import { useFormat } from "../../lib/useFormat";
import { useErrorMessage } from "../useErrorMessage";

const actionColors: Record<AuditEntry["action"], string> = {
  create: "green",
  update: "blue",
  delete: "red",
  restore: "gray",
  purge: "red",
  merge: "purple",
};

export interface RecordHistoryProps {
  /** The record's audit log, e.g. `useContactAudit(id)` from `createRecordApi(...).useAudit`. */
  audit: UseInfiniteQueryResult<InfiniteData<AuditPage>>;
  /** Label of a field name as the log reports it ("industry", "address.city"). */
  fieldLabel: (field: string) => string;
  /** A stored value of a field, readable. */
  valueLabel: (field: string, value: unknown) => ReactNode;
  /**
   * Names for the ids of fields that point at other records, e.g. `{ customerId: customerNames }`.
   * `ownerId` and `departmentId` are always resolved (from the users and departments lists).
   */
  references?: Record<string, ReadonlyMap<string, string>>;
  loadMoreTestId?: string;
}

/** Who changed what and when, newest first, one page at a time. */
export function RecordHistory({
  audit,
  fieldLabel,
  valueLabel,
  references = {},
  loadMoreTestId = "audit-load-more",
}: RecordHistoryProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const describe = useErrorMessage();
  // Names for the ids the log stores; without access to these lists the id is shown.
  const users = useUsers();
  const departments = useDepartments();
  const names: Record<string, ReadonlyMap<string, string>> = {
    ...references,
    ownerId: new Map((users.data ?? []).map((u): [string, string] => [u.id, u.name])),
    departmentId: new Map((departments.data ?? []).map((d): [string, string] => [d.id, d.name])),
  };
  const show = (field: string, value: unknown) => {
    const known = names[field];
    return known && typeof value === "string" ? (known.get(value) ?? value) : valueLabel(field, value);
  };

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
          // Everything in `content`: a `title` would move to the other side of the axis.
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
                      <Typography.Text strong>{fieldLabel(change.field)}</Typography.Text>
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
          data-testid={loadMoreTestId}
        >
          {t("common.loadMore")}
        </Button>
      )}
    </Flex>
  );
}
