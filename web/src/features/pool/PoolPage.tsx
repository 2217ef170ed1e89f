import { Alert, App, Button, type TableColumnsType, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { RecordListLayout } from "../../components/records/RecordListLayout";
import { useErrorMessage } from "../../components/useErrorMessage";
import { isOneOf } from "../../lib/guards";
import { useFormat } from "../../lib/useFormat";
import { useUrlPaging } from "../../lib/useUrlPaging";
import { useCan } from "../auth/session";
import type { Customer } from "../customers/api";
import { CustomerFilterBar } from "../customers/CustomerFilterBar";
import { useCustomerColumns } from "../customers/customerColumns";
import { SORTS, toListQuery, useCustomerListParams } from "../customers/useCustomerListParams";
import { useClaimBlocked, useClaimCustomer, usePoolCount, usePoolList, usePoolSettings } from "./api";

const PAGE_SIZE = 50;
const COLUMNS = ["name", "kind", "lifecycleStage", "level", "industry", "tags", "city"];

/** The public pool (公海): owner-less customers, searchable and filtered like the customer list, to claim. */
export function PoolPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const describe = useErrorMessage();
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
  const base = useCustomerColumns({ sort: filters.sort, visible: COLUMNS, trash: false, renderActions: () => null });

  const claimOne = (customer: Customer) =>
    claim.mutate(customer.id, {
      onSuccess: () => {
        message.success(t("pool.claimed", { name: customer.name }));
        navigate(`/customers/${customer.id}`);
      },
      onError: (error) => message.error(describe(error)),
    });

  const columns: TableColumnsType<Customer> = [
    // A pool customer has no page of its own for most users: its name is plain text here.
    ...base.map((column) =>
      column.key === "name" || ("dataIndex" in column && column.dataIndex === "name")
        ? { ...column, render: (name: string) => name }
        : column,
    ),
    {
      key: "ownerAssignedAt",
      title: t("pool.inPoolSince"),
      render: (_, c) => format.dateTime(c.ownerAssignedAt),
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
      onOpen={() => {}}
    />
  );
}
