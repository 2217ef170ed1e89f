import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Customer } from "./api";
import {
  INDUSTRIES,
  type Industry,
  isOneOf,
  KINDS,
  type Kind,
  LEVELS,
  type Level,
  SIZES,
  type Size,
  SOURCES,
  type Source,
  STAGES,
  type Stage,
} from "./enums";

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
  "notes",
  "createdAt",
  "updatedAt",
  "deletedAt",
] as const;

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

/** Translated labels for customer fields and enum values, bound to the UI language. */
export function useCustomerLabels() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  return useMemo(() => {
    const kind = (value: Kind) => t(`customers.kind.${value}`);
    const industry = (value: Industry) => t(`customers.industry.${value}`);
    const size = (value: Size) => t("customers.sizeValue", { range: value });
    const level = (value: Level) => t(`customers.level.${value}`);
    const source = (value: Source) => t(`customers.source.${value}`);
    const stage = (value: Stage) => t(`customers.stage.${value}`);

    /** Label of a field name as the audit log reports it, e.g. "industry" or "address.city". */
    const field = (name: string): string => {
      const [head, part] = name.split(".");
      if (head === "address" && isOneOf(ADDRESS_PARTS, part)) {
        return `${t("customers.fields.address")} · ${t(`customers.address.${part}`)}`;
      }
      return isOneOf(CUSTOMER_FIELDS, name) ? t(`customers.fields.${name}`) : name;
    };

    /** Any stored value of a field shown as text (used by the audit history). */
    const value = (fieldName: string, raw: unknown): string => {
      if (raw === null || raw === undefined || raw === "") return "—";
      if (fieldName === "kind" && isOneOf(KINDS, raw)) return kind(raw);
      if (fieldName === "industry" && isOneOf(INDUSTRIES, raw)) return industry(raw);
      if (fieldName === "size" && isOneOf(SIZES, raw)) return size(raw);
      if (fieldName === "level" && isOneOf(LEVELS, raw)) return level(raw);
      if (fieldName === "source" && isOneOf(SOURCES, raw)) return source(raw);
      if (fieldName === "lifecycleStage" && isOneOf(STAGES, raw)) return stage(raw);
      if (Array.isArray(raw)) return raw.length ? raw.map(String).join(", ") : "—";
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
      options: {
        kind: options(KINDS, kind),
        industry: options(INDUSTRIES, industry),
        size: options(SIZES, size),
        level: options(LEVELS, level),
        source: options(SOURCES, source),
        stage: options(STAGES, stage),
      },
    };
  }, [t, language]);
}
