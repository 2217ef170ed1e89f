import { DeleteOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Grid,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CursorPager } from "../../components/CursorPager";
import { PageHeader } from "../../components/PageHeader";
import { QueryError } from "../../components/QueryError";
import { useShowError } from "../../components/useShowError";
import { useOrgTime } from "../../lib/orgTime";
import { useCursorStack } from "../../lib/useCursorStack";
import { useFormat } from "../../lib/useFormat";
import { useCan } from "../auth/session";
import { FOLLOW_UP_KINDS, type FollowUp, type FollowUpKind, useDeleteFollowUp, useFollowUpList } from "./api";
import { EditFollowUpButton } from "./EditFollowUpButton";
import { FollowUpAbout } from "./FollowUpAbout";
import { NextFollowUp } from "./FollowUpSummary";
import { followUpKindIcons } from "./kinds";

const PAGE_SIZE = 50;

type Filters = { kind?: FollowUpKind; from?: Dayjs | null; to?: Dayjs | null; sort: "-occurredAt" | "occurredAt" };

/** Every follow-up the caller may see, newest first, with filters and paging. */
export function FollowUpsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const format = useFormat();
  const can = useCan();
  const screens = Grid.useBreakpoint();
  const orgTime = useOrgTime();
  const [filters, setFilters] = useState<Filters>({ sort: "-occurredAt" });
  const query = {
    kind: filters.kind,
    // Days on the organization's clock, as the list shows them.
    occurredFrom: orgTime.fromPicker(filters.from?.startOf("day")) ?? undefined,
    occurredTo: orgTime.fromPicker(filters.to?.add(1, "day").startOf("day")) ?? undefined,
    sort: filters.sort,
  };
  const paging = useCursorStack(JSON.stringify(query));
  const list = useFollowUpList({ ...query, limit: PAGE_SIZE, cursor: paging.cursor });
  const remove = useDeleteFollowUp();

  const kindLabel = (f: FollowUp) => (
    <span>
      {followUpKindIcons[f.kind]} {t(`followUps.kind.${f.kind}`)}
    </span>
  );
  // A phone has room for one column: what was said and its outcome stack under the time and kind,
  // rather than sitting off screen to the right.
  const phoneColumns: TableColumnsType<FollowUp> = [
    {
      key: "occurredAt",
      title: t("followUps.title"),
      sorter: true,
      sortOrder: filters.sort === "occurredAt" ? "ascend" : "descend",
      render: (_, f) => (
        <Flex vertical gap={2} data-testid="follow-up-phone-row">
          <Typography.Text type="secondary">
            {format.dateTime(f.occurredAt)} · {kindLabel(f)}
          </Typography.Text>
          <FollowUpAbout followUp={f} />
          <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ margin: 0 }}>
            {f.content}
          </Typography.Paragraph>
          {f.outcome && (
            <Typography.Text>
              {t("followUps.fields.outcome")}: {f.outcome}
            </Typography.Text>
          )}
          {f.nextFollowUpAt && (
            <Typography.Text type="secondary">
              {t("followUps.fields.nextFollowUpAt")}: <NextFollowUp at={f.nextFollowUpAt} open={f.nextFollowUpOpen} />
            </Typography.Text>
          )}
        </Flex>
      ),
    },
  ];
  const laptopColumns: TableColumnsType<FollowUp> = [
    {
      key: "occurredAt",
      title: t("followUps.fields.occurredAt"),
      sorter: true,
      sortOrder: filters.sort === "occurredAt" ? "ascend" : "descend",
      render: (_, f) => format.dateTime(f.occurredAt),
    },
    {
      key: "kind",
      title: t("followUps.fields.kind"),
      render: (_, f) => kindLabel(f),
    },
    {
      key: "customer",
      title: t("followUps.fields.about"),
      render: (_, f) => <FollowUpAbout followUp={f} />,
    },
    {
      key: "content",
      title: t("followUps.fields.content"),
      render: (_, f) => (
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 420 }}>
          {f.content}
        </Typography.Paragraph>
      ),
    },
    { key: "outcome", title: t("followUps.fields.outcome"), render: (_, f) => f.outcome ?? "—" },
    {
      key: "next",
      title: t("followUps.fields.nextFollowUpAt"),
      render: (_, f) => (f.nextFollowUpAt ? <NextFollowUp at={f.nextFollowUpAt} open={f.nextFollowUpOpen} /> : "—"),
    },
    { key: "owner", title: t("followUps.fields.owner"), render: (_, f) => f.ownerName ?? "—" },
  ];
  const columns = screens.md ? laptopColumns : phoneColumns;
  const mayEdit = can("followUps", "edit");
  const mayDelete = can("followUps", "delete");
  if (mayEdit || mayDelete) {
    columns.push({
      key: "actions",
      title: t("common.actions"),
      render: (_, f) => (
        <Flex gap={4}>
          <EditFollowUpButton followUpId={f.id} />
          {mayDelete && (
            <Popconfirm
              title={t("followUps.deleteConfirm")}
              okText={t("common.delete")}
              okButtonProps={{ danger: true }}
              cancelText={t("common.cancel")}
              onConfirm={() =>
                remove
                  .mutateAsync({ id: f.id, customerId: f.customerId })
                  .then(() => message.success(t("followUps.deleted")), showError)
              }
            >
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t("common.delete")} />
            </Popconfirm>
          )}
        </Flex>
      ),
    });
  }

  return (
    <Flex vertical gap={16}>
      <PageHeader title={t("followUps.title")} />
      <Card size="small">
        <Flex wrap gap={8}>
          <Select<FollowUpKind>
            allowClear
            aria-label={t("followUps.filterByKind")}
            placeholder={t("followUps.filterByKind")}
            style={{ minWidth: 160 }}
            value={filters.kind}
            onChange={(kind) => setFilters((f) => ({ ...f, kind }))}
            options={FOLLOW_UP_KINDS.map((kind) => ({ value: kind, label: t(`followUps.kind.${kind}`) }))}
            data-testid="follow-up-filter-kind"
          />
          <DatePicker.RangePicker
            aria-label={t("followUps.filterByDate")}
            placeholder={[t("followUps.from"), t("followUps.to")]}
            value={[filters.from ?? null, filters.to ?? null]}
            onChange={(range) => setFilters((f) => ({ ...f, from: range?.[0] ?? null, to: range?.[1] ?? null }))}
          />
        </Flex>
      </Card>
      {list.isError && !list.data ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<FollowUp>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.data}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: "max-content" }}
          size={screens.md ? "middle" : "small"}
          locale={{ emptyText: t("followUps.empty") }}
          onChange={(_pagination, _filters, sorter) => {
            if (Array.isArray(sorter)) return;
            setFilters((f) => ({ ...f, sort: sorter.order === "ascend" ? "occurredAt" : "-occurredAt" }));
          }}
        />
      )}
      <CursorPager paging={paging} nextCursor={list.data?.nextCursor} busy={list.isFetching} showPage />
    </Flex>
  );
}
