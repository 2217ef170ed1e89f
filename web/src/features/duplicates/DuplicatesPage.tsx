import { Button, Card, Empty, Flex, List, Segmented, Select, Switch, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { PageHeader } from "../../components/PageHeader";
import { QueryError } from "../../components/QueryError";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useCurrentSession } from "../auth/session";
import {
  type DuplicateGroup,
  type DuplicateObjectType,
  useDuplicateGroups,
  useDuplicateRules,
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
  const groups = useDuplicateGroups(objectType);
  const [merging, setMerging] = useState<DuplicateGroup | null>(null);
  const data = groups.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <Flex vertical gap={16}>
      <PageHeader title={t("duplicates.title")} />
      <Segmented
        value={objectType}
        onChange={(value) => setParams({ type: value })}
        options={[
          { value: "customer", label: t("duplicates.objects.customer") },
          { value: "contact", label: t("duplicates.objects.contact") },
        ]}
        data-testid="duplicates-object"
      />
      {session.user.isAdmin && <RulesCard objectType={objectType} />}
      {groups.isError ? (
        <QueryError error={groups.error} onRetry={() => groups.refetch()} />
      ) : (
        <List
          loading={groups.isPending}
          dataSource={data}
          locale={{ emptyText: <Empty description={t("duplicates.empty")} /> }}
          renderItem={(group) => (
            <List.Item
              data-testid="duplicate-group"
              actions={[
                <Button key="merge" type="primary" onClick={() => setMerging(group)} data-testid="duplicate-merge">
                  {t("duplicates.merge.open")}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Flex gap={8} wrap align="center">
                    <Tag>{t(`duplicates.fields.${group.field}`)}</Tag>
                    <Typography.Text code>{group.key}</Typography.Text>
                    <Typography.Text type="secondary">{t("duplicates.count", { count: group.count })}</Typography.Text>
                  </Flex>
                }
                description={
                  <Flex gap={12} wrap>
                    {group.records.map((r) => (
                      <Link key={r.id} to={`${paths[objectType]}/${r.id}`}>
                        {r.name}
                        {r.ownerName ? ` · ${r.ownerName}` : ""}
                      </Link>
                    ))}
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
