import { App, Button, Card, Empty, Flex, Grid, List, Segmented, Select, Switch, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { PageHeader } from "../../components/PageHeader";
import { QueryError } from "../../components/QueryError";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useShowError } from "../../components/useShowError";
import { useFormat } from "../../lib/useFormat";
import { useCurrentSession } from "../auth/session";
import {
  type DuplicateGroup,
  type DuplicateObjectType,
  useDismissGroup,
  useDuplicateGroups,
  useDuplicateRules,
  useRestoreGroup,
  useUpdateDuplicateRule,
} from "./api";
import { MergeModal } from "./MergeModal";

const paths: Record<DuplicateObjectType, string> = { customer: "/customers", contact: "/contacts" };

/** The duplicate finder (查重): groups of likely duplicates by the rules, each one merge away. */
export function DuplicatesPage() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const [params, setParams] = useSearchParams();
  const objectType: DuplicateObjectType = params.get("type") === "contact" ? "contact" : "customer";
  // The groups dismissed as not duplicates, where a dismissal can be taken back.
  const dismissed = params.get("dismissed") === "true";
  const groups = useDuplicateGroups(objectType, dismissed);
  const [merging, setMerging] = useState<DuplicateGroup | null>(null);
  const data = groups.data?.pages.flatMap((p) => p.data) ?? [];
  // On a phone the buttons go under the group, not beside its records.
  const phone = Grid.useBreakpoint().md === false;

  return (
    <Flex vertical gap={16}>
      <PageHeader title={t("duplicates.title")} />
      <Flex gap={16} wrap align="center">
        <Segmented
          value={objectType}
          onChange={(value) => setParams({ type: value, ...(dismissed ? { dismissed: "true" } : {}) })}
          options={[
            { value: "customer", label: t("duplicates.objects.customer") },
            { value: "contact", label: t("duplicates.objects.contact") },
          ]}
          data-testid="duplicates-object"
        />
        <Flex gap={8} align="center">
          <Switch
            id="duplicates-show-dismissed"
            checked={dismissed}
            onChange={(on) => setParams({ type: objectType, ...(on ? { dismissed: "true" } : {}) })}
            data-testid="duplicates-show-dismissed"
          />
          <label htmlFor="duplicates-show-dismissed">{t("duplicates.dismiss.show")}</label>
        </Flex>
      </Flex>
      {session.user.isAdmin && <RulesCard objectType={objectType} />}
      {groups.isError ? (
        <QueryError error={groups.error} onRetry={() => groups.refetch()} />
      ) : (
        <List
          loading={groups.isPending}
          dataSource={data}
          itemLayout={phone ? "vertical" : "horizontal"}
          locale={{
            emptyText: <Empty description={dismissed ? t("duplicates.dismiss.empty") : t("duplicates.empty")} />,
          }}
          renderItem={(group) => (
            <List.Item
              data-testid="duplicate-group"
              actions={[
                <Button key="merge" type="primary" onClick={() => setMerging(group)} data-testid="duplicate-merge">
                  {t("duplicates.merge.open")}
                </Button>,
                <DismissButton key="dismiss" objectType={objectType} group={group} />,
              ]}
            >
              <List.Item.Meta
                title={
                  <Flex gap={8} wrap align="center">
                    {group.matches.map((m) => (
                      // A long key (an email, a company's name) wraps on a phone instead of running off it.
                      <Tag
                        key={`${m.field}:${m.key}`}
                        style={{ whiteSpace: "normal", overflowWrap: "anywhere", marginInlineEnd: 0 }}
                        data-testid="duplicate-match"
                      >
                        {t("duplicates.match", { field: t(`duplicates.fields.${m.field}`), key: m.key })}
                      </Tag>
                    ))}
                    <Typography.Text type="secondary">{t("duplicates.count", { count: group.count })}</Typography.Text>
                  </Flex>
                }
                description={
                  <Flex vertical gap={4}>
                    <Flex gap={12} wrap>
                      {group.records.map((r) => (
                        <Link key={r.id} to={`${paths[objectType]}/${r.id}`}>
                          {r.name}
                          {r.ownerName ? ` · ${r.ownerName}` : ""}
                        </Link>
                      ))}
                    </Flex>
                    {group.dismissal && <DismissedBy dismissal={group.dismissal} />}
                  </Flex>
                }
              />
            </List.Item>
          )}
        />
      )}
      {groups.hasNextPage && (
        <Button onClick={() => groups.fetchNextPage()} loading={groups.isFetchingNextPage}>
          {t("common.loadMore")}
        </Button>
      )}
      {merging && (
        <MergeModal
          open
          objectType={objectType}
          ids={merging.records.map((r) => r.id)}
          onClose={() => setMerging(null)}
        />
      )}
    </Flex>
  );
}

/**
 * "Not duplicates" on a listed group; "Restore" on a dismissed one, which lists it again. A group
 * too big to send whole (past the API's limit of ids) cannot be dismissed.
 */
function DismissButton({ objectType, group }: { objectType: DuplicateObjectType; group: DuplicateGroup }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const dismiss = useDismissGroup(objectType);
  const restore = useRestoreGroup(objectType);
  const onError = useShowError();
  if (group.dismissal) {
    const { ids } = group.dismissal;
    return (
      <Button
        loading={restore.isPending}
        onClick={() =>
          restore.mutate(ids, { onSuccess: () => message.success(t("duplicates.dismiss.restored")), onError })
        }
        data-testid="duplicate-restore"
      >
        {t("duplicates.dismiss.restore")}
      </Button>
    );
  }
  if (group.recordIds.length < group.count) return null;
  return (
    <Button
      loading={dismiss.isPending}
      onClick={() => dismiss.mutate(group, { onSuccess: () => message.success(t("duplicates.dismiss.done")), onError })}
      data-testid="duplicate-dismiss"
    >
      {t("duplicates.dismiss.action")}
    </Button>
  );
}

function DismissedBy({ dismissal }: { dismissal: NonNullable<DuplicateGroup["dismissal"]> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Typography.Text type="secondary" data-testid="duplicate-dismissed-by">
      {t("duplicates.dismiss.by", { name: dismissal.by ?? "—", at: format.dateTime(dismissal.at) })}
    </Typography.Text>
  );
}

/** Administrators switch the rules on and off and pick exact or fuzzy names. */
function RulesCard({ objectType }: { objectType: DuplicateObjectType }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const rules = useDuplicateRules(objectType);
  const update = useUpdateDuplicateRule();
  return (
    <Card size="small" title={t("duplicates.rules.title")}>
      {update.isError && <Typography.Text type="danger">{describe(update.error)}</Typography.Text>}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        loading={rules.isPending}
        dataSource={rules.data ?? []}
        columns={[
          { key: "field", title: t("duplicates.rules.field"), render: (_, r) => t(`duplicates.fields.${r.field}`) },
          {
            key: "match",
            title: t("duplicates.rules.match"),
            render: (_, r) =>
              r.field === "name" ? (
                <Select
                  size="small"
                  value={r.match}
                  onChange={(match) => update.mutate({ id: r.id, version: r.version, match })}
                  options={[
                    { value: "exact", label: t("duplicates.rules.exact") },
                    { value: "fuzzy", label: t("duplicates.rules.fuzzy") },
                  ]}
                  style={{ minWidth: 120 }}
                />
              ) : (
                // What "the same" means differs per field: say it for this one.
                <Typography.Text type="secondary">{t(`duplicates.rules.matchBy.${r.field}`)}</Typography.Text>
              ),
          },
          {
            key: "active",
            title: t("duplicates.rules.active"),
            render: (_, r) => (
              <Switch
                size="small"
                checked={r.active}
                loading={update.isPending && update.variables?.id === r.id}
                onChange={(active) => update.mutate({ id: r.id, version: r.version, active })}
                data-testid={`duplicate-rule-${r.field}`}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
