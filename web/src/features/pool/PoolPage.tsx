import { Alert, App, Button, Grid, type TableColumnsType, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { RecordListLayout } from "../../components/records/RecordListLayout";
import { useShowError } from "../../components/useShowError";
import { isOneOf } from "../../lib/guards";
import { useFormat } from "../../lib/useFormat";
import { useUrlPaging } from "../../lib/useUrlPaging";
import { useCan } from "../auth/session";
import { CustomerFilterBar } from "../customers/CustomerFilterBar";
import { useCustomerColumns } from "../customers/customerColumns";
import { SORTS, toListQuery, useCustomerListParams } from "../customers/useCustomerListParams";
import {
  type PoolCustomer,
  useClaimBlocked,
  useClaimCustomer,
  usePoolCount,
  usePoolList,
  usePoolSettings,
} from "./api";
import { useWhyPooled } from "./useWhyPooled";

const PAGE_SIZE = 50;
// What tells which customer to claim, with the pool's own columns beside it, within a laptop's width
// (1280 px); the lifecycle stage only where there is room to spare.
const COLUMNS = ["name", "level", "industry", "city"];
const WIDE_COLUMNS = ["name", "lifecycleStage", "level", "industry", "city"];

/** The public pool (公海): owner-less customers, searchable and filtered like the customer list, to claim. */
export function PoolPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const format = useFormat();
  const can = useCan();
  const params = useCustomerListParams();
  const { filters } = params;
  const paging = useUrlPaging();
  const { ownerId: _owner, deleted: _deleted, sort, ...query } = toListQuery(filters, paging.cursor, PAGE_SIZE);
  // The pool sorts by the customer list's own fields (not custom ones) and by time in the pool.
  const poolQuery = { ...query, sort: isOneOf(SORTS, sort) ? sort : undefined };
  const list = usePoolList(poolQuery);
  const count = usePoolCount(poolQuery);
  const settings = usePoolSettings();
  const claim = useClaimCustomer();
  const claimBlocked = useClaimBlocked();
  const screens = Grid.useBreakpoint();
  const visible = screens.xxl ? WIDE_COLUMNS : COLUMNS;
  const base = useCustomerColumns({ sort: filters.sort, visible, trash: false, renderActions: () => null });

  const whyPooled = useWhyPooled();

  const claimOne = (customer: PoolCustomer) =>
    claim.mutate(customer.id, {
      onSuccess: () => {
        message.success(t("pool.claimed", { name: customer.name }));
        navigate(`/customers/${customer.id}`);
      },
      onError: showError,
    });

  const columns: TableColumnsType<PoolCustomer> = [
    // A pool customer's name opens its pool page, read before claiming it (its customer page is
    // the owner's). A phone has no room for the context columns: the reason, previous owner and
    // last follow-up go under it.
    // A pool row is a customer with more fields: the customer columns read only the customer's.
    ...(base as TableColumnsType<PoolCustomer>).map((column) =>
      column.key === "name" || ("dataIndex" in column && column.dataIndex === "name")
        ? {
            ...column,
            render: (name: string, c: PoolCustomer) => {
              const link = (
                <Link to={`/pool/${c.id}`} onClick={(e) => e.stopPropagation()} data-testid="pool-open">
                  {name}
                </Link>
              );
              return screens.md ? (
                link
              ) : (
                <>
                  <div>{link}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="pool-context">
                    {[
                      whyPooled(c),
                      c.previousOwnerName && t("pool.previousOwnerIs", { name: c.previousOwnerName }),
                      c.lastFollowUpAt && t("pool.lastFollowUpOn", { date: format.date(c.lastFollowUpAt) }),
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </Typography.Text>
                </>
              );
            },
          }
        : column,
    ),
    {
      key: "releaseReason",
      title: t("pool.releaseReason"),
      responsive: ["md"],
      width: 180,
      ellipsis: { showTitle: true },
      render: (_, c) => <span data-testid="pool-release-reason">{whyPooled(c) ?? "—"}</span>,
    },
    {
      key: "previousOwner",
      title: t("pool.previousOwner"),
      responsive: ["md"],
      render: (_, c) => c.previousOwnerName ?? "—",
    },
    {
      key: "lastFollowUpAt",
      title: t("followUps.lastFollowUp"),
      responsive: ["md"],
      // The day is what tells how cold a customer is; the time is on its page.
      render: (_, c) => (c.lastFollowUpAt ? format.date(c.lastFollowUpAt) : "—"),
    },
    {
      key: "ownerAssignedAt",
      title: t("pool.inPoolSince"),
      render: (_, c) => format.date(c.ownerAssignedAt),
    },
    {
      key: "claim",
      title: t("common.actions"),
      fixed: "right",
      render: (_, c) =>
        can("pool", "claim") && (
          <Tooltip title={claimBlocked}>
            <Button
              size="small"
              type="primary"
              disabled={claimBlocked !== null}
              loading={claim.isPending && claim.variables === c.id}
              onClick={(event) => {
                event.stopPropagation();
                claimOne(c);
              }}
              data-testid="pool-claim"
            >
              {t("pool.claim")}
            </Button>
          </Tooltip>
        ),
    },
  ];

  const allowance = settings.data;
  return (
    <RecordListLayout
      testIdPrefix="pool"
      title={t("pool.title")}
      search={{ placeholder: t("customers.searchPlaceholder"), label: t("customers.search") }}
      params={params}
      sorts={SORTS}
      filterBar={<CustomerFilterBar filters={filters} params={params} withOwner={false} />}
      toolbarExtra={
        allowance && (
          <Alert
            type={
              allowance.maxOwnedCustomers !== null && allowance.ownedByMe >= allowance.maxOwnedCustomers
                ? "warning"
                : "info"
            }
            showIcon
            data-testid="pool-allowance"
            title={
              // At the limit, the reason the Claim buttons are off; a phone shows no tooltip.
              claimBlocked ??
              (allowance.maxOwnedCustomers === null
                ? t("pool.owned", { owned: allowance.ownedByMe })
                : t("pool.ownedOfLimit", { owned: allowance.ownedByMe, limit: allowance.maxOwnedCustomers }))
            }
            style={{ padding: "2px 8px" }}
          />
        )
      }
      list={list}
      count={count}
      paging={paging}
      columns={columns}
      emptyText={t("pool.empty")}
      onOpen={(c) => navigate(`/pool/${c.id}`)}
    />
  );
}
