import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useCustomHistoryLabels } from "../../components/custom-fields/useCustomHistoryLabels";
import { useOptionList } from "../option-lists/useOptionList";
import { memberLabel } from "../sharing/memberLabel";
import type { Customer } from "./api";
import { isOneOf, KINDS, type Kind } from "./enums";

export const CUSTOMER_FIELDS = [
  "name",
  "kind",
  "industry",
  "size",
  "level",
  "source",
  "lifecycleStage",
  "tags",
  "phone",
  "email",
  "website",
  "address",
  "ownerId",
  "ownerName",
  "departmentId",
  "ownerAssignedAt",
  "reason",
  "reclaimRule",
  "sharedWith",
  "importBatch",
  "importRow",
  "mergedFrom",
  "mergedInto",
  "notes",
  "createdAt",
  "updatedAt",
  "deletedAt",
] as const;

const RECLAIM_RULES = ["noFollowUp", "noDeal"] as const;

export const ADDRESS_PARTS = ["country", "region", "city", "street", "postalCode"] as const;

type Address = NonNullable<Customer["address"]>;

/** Address on one line, in the order people write it in each language. */
export function formatAddress(address: Address | null | undefined, language: string): string {
  if (!address) return "";
  if (language === "zh-CN") {
    const line = [address.country, address.region, address.city, address.street].filter(Boolean).join(" ");
    return address.postalCode ? `${line} (${address.postalCode})` : line;
  }
  const regionLine = [address.region, address.postalCode].filter(Boolean).join(" ");
  return [address.street, address.city, regionLine, address.country].filter(Boolean).join(", ");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Translated labels for customer fields and values, bound to the UI language. Industry, size,
 * level, source, stage and tags come from the organization's option lists (`lists`).
 */
export function useCustomerLabels() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const industries = useOptionList("customer.industry");
  const sizes = useOptionList("customer.size");
  const levels = useOptionList("customer.level");
  const sources = useOptionList("customer.source");
  const stages = useOptionList("customer.lifecycleStage");
  const tags = useOptionList("customer.tags");
  const custom = useCustomHistoryLabels("customer");
  return useMemo(() => {
    const lists = { industry: industries, size: sizes, level: levels, source: sources, lifecycleStage: stages, tags };
    const kind = (value: Kind) => t(`customers.kind.${value}`);
    const industry = industries.label;
    const size = sizes.label;
    const level = levels.label;
    const source = sources.label;
    const stage = stages.label;

    /** Label of a field name as the audit log reports it, e.g. "industry" or "address.city". */
    const field = (name: string): string => {
      const customLabel = custom.field(name);
      if (customLabel) return customLabel;
      const [head, part] = name.split(".");
      if (head === "address" && isOneOf(ADDRESS_PARTS, part)) {
        return `${t("customers.fields.address")} · ${t(`customers.address.${part}`)}`;
      }
      return isOneOf(CUSTOMER_FIELDS, name) ? t(`customers.fields.${name}`) : name;
    };

    /** Any stored value of a field shown as text (used by the audit history). */
    const value = (fieldName: string, raw: unknown): string => {
      if (raw === null || raw === undefined || raw === "") return "—";
      const customValue = custom.value(fieldName, raw);
      if (customValue !== undefined) return customValue;
      if (fieldName === "kind" && isOneOf(KINDS, raw)) return kind(raw);
      // Owner changes by the pool (modules/pool): the reclaim's own reason and rule, in the reader's language.
      if (fieldName === "reason" && raw === "auto reclaim") return t("pool.autoReclaim");
      if (fieldName === "reclaimRule" && isOneOf(RECLAIM_RULES, raw)) return t(`pool.rules.${raw}`);
      if (fieldName === "sharedWith" && typeof raw === "string") return memberLabel(t, raw);
      const list = new Map(Object.entries(lists)).get(fieldName);
      if (list && typeof raw === "string") return list.label(raw);
      if (Array.isArray(raw)) return raw.length ? raw.map((v) => list?.label(String(v)) ?? String(v)).join(", ") : "—";
      if (fieldName === "address" && isRecord(raw)) {
        const address: Address = {};
        for (const part of ADDRESS_PARTS) {
          const partValue = raw[part];
          if (typeof partValue === "string") address[part] = partValue;
        }
        return formatAddress(address, language) || "—";
      }
      if (isRecord(raw)) return JSON.stringify(raw);
      return String(raw);
    };

    const options = <T extends string>(values: readonly T[], label: (value: T) => string) =>
      values.map((v) => ({ value: v, label: label(v) }));

    return {
      kind,
      industry,
      size,
      level,
      source,
      stage,
      field,
      value,
      lists,
      /** Choices for new input: active values only (the form adds back archived ones a record holds). */
      options: {
        kind: options(KINDS, kind),
        industry: industries.options,
        size: sizes.options,
        level: levels.options,
        source: sources.options,
        stage: stages.options,
        tags: tags.options,
      },
    };
  }, [t, language, industries, sizes, levels, sources, stages, tags, custom]);
}
