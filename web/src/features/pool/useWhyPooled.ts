import { useTranslation } from "react-i18next";
import type { PoolCustomer } from "./api";

/** Why a customer is in the pool: the reason given at its release, or the rule that reclaimed it. */
export function useWhyPooled() {
  const { t } = useTranslation();
  return (c: Pick<PoolCustomer, "reclaimRule" | "releaseReason">): string | null =>
    c.reclaimRule ? t("pool.reclaimedBy", { rule: t(`pool.rules.${c.reclaimRule}`) }) : c.releaseReason;
}
