import { ExportOutlined, UserSwitchOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Tooltip } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useDiscardGuard } from "../../components/useDiscardGuard";
import { useShowError } from "../../components/useShowError";
import { useCan, useCurrentSession } from "../auth/session";
import type { Customer } from "../customers/api";
import {
  forgetCustomer,
  type OwnerChangeResult,
  useClaimBlocked,
  useClaimCustomer,
  useReleaseCustomer,
  useTransferCustomer,
} from "./api";
import { type OwnerChange, OwnerChangeModal } from "./OwnerChangeModal";

/** Claim, release to the pool and transfer, on a customer's page, for whoever may. */
export function CustomerOwnershipActions({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const showError = useShowError();
  const can = useCan();
  const session = useCurrentSession();
  const me = session.user.id;
  const queryClient = useQueryClient();
  const claim = useClaimCustomer();
  const claimable = customer.ownerId === null && can("pool", "claim");
  const claimBlocked = useClaimBlocked(claimable);
  const release = useReleaseCustomer();
  const transfer = useTransferCustomer();
  const [dialog, setDialog] = useState<"release" | "transfer" | null>(null);
  // A reason typed: closing the dialog or leaving asks first.
  const dialogGuard = useDiscardGuard(() => setDialog(null));
  // Shared with the caller read-only: giving it away is changing it, which the server refuses.
  const writable = customer.access !== "read";

  // The customer left behind, forgotten once this page is gone: its cards no longer ask for it.
  const leftBehind = useRef<string>(null);
  useEffect(
    () => () => {
      if (leftBehind.current) forgetCustomer(queryClient, leftBehind.current);
    },
    [queryClient],
  );

  // The server says whether the caller still sees the customer (their scope, its team): then they stay
  // on its page, which refreshes; otherwise they leave it rather than meet a 404 for each of its cards.
  const after =
    (mode: "release" | "transfer") =>
    ({ visible }: OwnerChangeResult) => {
      message.success(t(`pool.${mode}.done`));
      // Before leaving the page below, which would otherwise ask about the reason just used.
      dialogGuard.done();
      if (visible) return;
      leftBehind.current = customer.id;
      navigate(mode === "release" && can("pool", "view") ? "/pool" : "/customers");
    };
  const submit = (mode: "release" | "transfer") => (change: OwnerChange) => {
    const request =
      mode === "release"
        ? release.mutateAsync({ id: customer.id, reason: change.reason })
        : transfer.mutateAsync({ id: customer.id, ownerId: change.ownerId ?? "", reason: change.reason });
    return request.then(after(mode), (error: unknown) => {
      showError(error);
      throw error;
    });
  };

  return (
    <>
      {claimable && (
        <Tooltip title={claimBlocked}>
          <Button
            type="primary"
            disabled={claimBlocked !== null}
            loading={claim.isPending}
            onClick={() =>
              claim.mutate(customer.id, {
                onSuccess: () => message.success(t("pool.claimed", { name: customer.name })),
                onError: showError,
              })
            }
            data-testid="customer-claim"
          >
            {t("pool.claim")}
          </Button>
        </Tooltip>
      )}
      {/* Releasing takes the customer from its owner: the owner may, others need "transfer". */}
      {customer.ownerId !== null &&
        writable &&
        can("customers", "edit") &&
        (customer.ownerId === me || can("customers", "transfer")) && (
          <Button icon={<ExportOutlined />} onClick={() => setDialog("release")} data-testid="customer-release">
            {t("pool.release.button")}
          </Button>
        )}
      {writable && can("customers", "transfer") && (
        <Button icon={<UserSwitchOutlined />} onClick={() => setDialog("transfer")} data-testid="customer-transfer">
          {t("pool.transfer.button")}
        </Button>
      )}
      <OwnerChangeModal
        mode="release"
        open={dialog === "release"}
        subject={customer.name}
        onCancel={dialogGuard.close}
        onEdit={dialogGuard.markDirty}
        onSubmit={submit("release")}
        busy={release.isPending}
      />
      <OwnerChangeModal
        mode="transfer"
        open={dialog === "transfer"}
        subject={customer.name}
        currentOwnerId={customer.ownerId}
        onCancel={dialogGuard.close}
        onEdit={dialogGuard.markDirty}
        onSubmit={submit("transfer")}
        busy={transfer.isPending}
      />
    </>
  );
}
