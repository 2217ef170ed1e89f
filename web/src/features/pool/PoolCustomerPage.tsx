import { ArrowLeftOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Flex, Result, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate, useParams } from "react-router";
import { PageSpin } from "../../components/PageSpin";
import { QueryError } from "../../components/QueryError";
import { RecordDescriptions } from "../../components/records/RecordDescriptions";
import { useShowError } from "../../components/useShowError";
import { isApiError } from "../../lib/api/errors";
import { useFormat } from "../../lib/useFormat";
import { useCan } from "../auth/session";
import { CustomerDetails } from "../customers/CustomerDetails";
import { poolCustomerKeys, useClaimBlocked, useClaimCustomer, usePoolCustomer } from "./api";
import { PoolContactsCard } from "./PoolContactsCard";
import { PoolTimelineCard } from "./PoolTimelineCard";
import { useWhyPooled } from "./useWhyPooled";

/**
 * A pool customer's page (公海客户详情): what a rep reads before claiming it, its details, why it
 * is in the pool, its people and its history, all read only, and "Claim", which leads to the
 * customer's own page.
 */
export function PoolCustomerPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const showError = useShowError();
  const format = useFormat();
  const can = useCan();
  const queryClient = useQueryClient();
  const customer = usePoolCustomer(id);
  const claim = useClaimCustomer();
  const mayClaim = can("pool", "claim");
  const claimBlocked = useClaimBlocked(mayClaim);
  const whyPooled = useWhyPooled();
  const back = () => (location.key !== "default" ? navigate(-1) : navigate("/pool"));

  if (customer.isPending) return <PageSpin />;
  if (customer.isError) {
    // Claimed by someone (or given an owner) since the pool list was read.
    return isApiError(customer.error) && customer.error.status === 404 ? (
      <Result
        status="404"
        title={t("pool.preview.gone")}
        subTitle={t("pool.preview.goneHint")}
        extra={
          <Button type="primary" onClick={() => navigate("/pool")}>
            {t("pool.preview.back")}
          </Button>
        }
        data-testid="pool-customer-gone"
      />
    ) : (
      <QueryError error={customer.error} onRetry={() => customer.refetch()} />
    );
  }
  const record = customer.data;

  const claimIt = () =>
    claim.mutate(record.id, {
      onSuccess: () => {
        message.success(t("pool.claimed", { name: record.name }));
        // Replaced: going back should not land on a pool page whose customer is now the caller's.
        navigate(`/customers/${record.id}`, { replace: true });
      },
      onError: (error) => {
        showError(error);
        // Someone else may have claimed it: the page then says it is gone.
        void queryClient.invalidateQueries({ queryKey: poolCustomerKeys.customer(record.id) });
      },
    });

  return (
    <Flex vertical gap={16}>
      <Flex wrap gap={8} align="center" justify="space-between">
        <Flex gap={8} align="center" style={{ minWidth: 0 }}>
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t("pool.preview.back")} onClick={back} />
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }} ellipsis>
            {record.name}
          </Typography.Title>
          <Tag color="blue">{t("pool.preview.inPool")}</Tag>
        </Flex>
        {mayClaim && (
          <Tooltip title={claimBlocked}>
            <Button
              type="primary"
              disabled={claimBlocked !== null}
              loading={claim.isPending}
              onClick={claimIt}
              data-testid="pool-customer-claim"
            >
              {t("pool.claim")}
            </Button>
          </Tooltip>
        )}
      </Flex>
      {/* At the limit, why Claim is off (a phone shows no tooltip); else what claiming it unlocks. */}
      <Alert
        type={claimBlocked ? "warning" : "info"}
        showIcon
        title={claimBlocked ?? t("pool.preview.readOnly")}
        data-testid="pool-customer-notice"
      />
      <Card title={t("pool.preview.context")} size="small" data-testid="pool-customer-context">
        <RecordDescriptions
          items={[
            { key: "since", label: t("pool.inPoolSince"), children: format.dateTime(record.ownerAssignedAt) },
            {
              key: "why",
              label: t("pool.releaseReason"),
              children: <span data-testid="pool-customer-reason">{whyPooled(record) ?? "—"}</span>,
            },
            { key: "previousOwner", label: t("pool.previousOwner"), children: record.previousOwnerName ?? "—" },
          ]}
        />
      </Card>
      <Card title={t("customers.details")} size="small">
        <CustomerDetails customer={record} />
      </Card>
      <PoolContactsCard customerId={record.id} />
      <PoolTimelineCard customer={record} />
    </Flex>
  );
}
