import { useQueries } from "@tanstack/react-query";
import { Alert, App, Flex, Grid, Modal, Radio, Spin, Table, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { CustomFieldValue } from "../../components/custom-fields/CustomFieldValue";
import { useLocalized } from "../../components/custom-fields/labels";
import { HeaderOnly } from "../../components/records/listSelection";
import { useDiscardGuard } from "../../components/useDiscardGuard";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useShowError } from "../../components/useShowError";
import { contactQueryOptions } from "../contacts/api";
import { useContactLabels } from "../contacts/labels";
import { type CustomField, useCustomFields } from "../custom-fields/api";
import { customerQueryOptions } from "../customers/api";
import { useCustomerLabels } from "../customers/labels";
import { type DuplicateObjectType, useMergeRecords } from "./api";
import { MergeChoicesList } from "./MergeChoicesList";
import { defaultSurvivor, fieldValue, isEmpty, type MergeRecord } from "./survivor";

type AnyRecord = MergeRecord & { version: number; name: string };

/** The fields a merge lets the user pick (the server's mergeFields), and where their labels live. */
const mergeFields: Record<DuplicateObjectType, { labels: string; fields: string[] }> = {
  customer: {
    labels: "customers.fields",
    fields: [
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
      "notes",
    ],
  },
  contact: {
    labels: "contacts.fields",
    fields: [
      "customerId",
      "name",
      "title",
      "department",
      "phones",
      "emails",
      "im",
      "birthday",
      "buyingRole",
      "ownerId",
      "notes",
    ],
  },
};

/** What tells of a record's related records, counted like its fields for the default survivor. */
const activityFields = ["lastFollowUpAt", "nextFollowUpAt"];

/** Width of one record's column: long values wrap inside it rather than pushing the others away. */
const RECORD_COLUMN = 300;
const FIELD_COLUMN = 120;

interface MergeModalProps {
  objectType: DuplicateObjectType;
  ids: string[];
  open: boolean;
  onClose: () => void;
  onMerged?: (survivorId: string) => void;
}

/**
 * Merge two or more records: pick the record that stays, then per field whose value survives.
 * Related records move to the survivor; the others go to the trash (one transaction on the server).
 */
export function MergeModal({ objectType, ids, open, onClose, onMerged }: MergeModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const showError = useShowError();
  const screens = Grid.useBreakpoint();
  // A column per record is too wide for a phone: there the choices go one under another.
  const phone = screens.md === false;
  const merge = useMergeRecords();
  const results = useQueries({
    queries: ids.map((id) => ({
      ...(objectType === "customer" ? customerQueryOptions(id) : contactQueryOptions(id)),
      enabled: open,
    })),
  });
  const records = results.flatMap((r) => (r.data ? [r.data as unknown as AnyRecord] : []));
  const loading = results.some((r) => r.isPending);
  const failed = results.find((r) => r.isError)?.error;
  const { labels } = mergeFields[objectType];
  const localized = useLocalized();
  const customerLabels = useCustomerLabels();
  const contactLabels = useContactLabels();
  const valueLabel = objectType === "customer" ? customerLabels.value : contactLabels.value;
  /** A stored value as one readable line, as on the record's page; names stand in for ids. */
  const show = (record: AnyRecord, field: string): string => {
    if (field === "ownerId") return String(record.ownerName ?? "");
    if (field === "customerId") return String(record.customerName ?? "");
    return isEmpty(record[field]) ? "" : valueLabel(field, record[field]);
  };
  const customFieldsQuery = useCustomFields(objectType);
  const customFields = customFieldsQuery.data ?? [];
  // Custom fields take part as "custom.<key>" rows, picked the same way.
  const fields = useMemo(
    () => [...mergeFields[objectType].fields, ...customFields.map((f) => `custom.${f.key}`)],
    [objectType, customFields],
  );

  // The user's own pick of the main record, else the one they would most likely keep.
  const [pickedSurvivor, setSurvivorId] = useState<string>();
  // The user's own picks, clicked even on the value already checked; every other field follows the
  // default below, which moves with the survivor.
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const ready = !loading && records.length === ids.length;
  const likelySurvivor =
    ready && !customFieldsQuery.isPending ? defaultSurvivor(records, [...fields, ...activityFields]) : undefined;
  const survivorId = pickedSurvivor ?? likelySurvivor;
  const survivor = records.find((r) => r.id === survivorId);

  // By default each field keeps the survivor's value, or the first other record's when it has none.
  const defaultSource = (field: string) => {
    if (!survivor || !isEmpty(fieldValue(survivor, field))) return survivor?.id;
    return records.find((r) => !isEmpty(fieldValue(r, field)))?.id ?? survivor.id;
  };
  const picks: Record<string, string> = Object.fromEntries(
    fields.flatMap((field) => {
      const source = chosen[field] ?? defaultSource(field);
      return source ? [[field, source]] : [];
    }),
  );
  const setPicks = (field: string, id: string) => setChosen((c) => ({ ...c, [field]: id }));
  // Picks that change what the merge keeps: closing or leaving asks before throwing them away. The
  // dialog fills a phone's screen, so Back closes it there.
  const guard = useDiscardGuard(onClose, {
    backCloses: open && phone,
    dirty: survivorId !== likelySurvivor || fields.some((field) => picks[field] !== defaultSource(field)),
  });

  const submit = () => {
    if (!survivor) return;
    merge.mutate(
      {
        objectType,
        survivor: { id: survivor.id, version: survivor.version },
        merged: records.filter((r) => r.id !== survivor.id).map((r) => ({ id: r.id, version: r.version })),
        values: Object.fromEntries(Object.entries(picks).filter(([field]) => !field.startsWith("custom."))),
        custom: Object.fromEntries(
          Object.entries(picks).flatMap(([field, id]) =>
            field.startsWith("custom.") ? [[field.slice("custom.".length), id]] : [],
          ),
        ),
      },
      {
        onSuccess: (result) => {
          // The name it keeps, which may be a merged record's.
          message.success(t("duplicates.merge.done", { name: result.record.name }));
          // Closed first: onMerged may leave the page, which would ask about the picks just merged.
          guard.done();
          onMerged?.(survivor.id);
        },
        onError: showError,
      },
    );
  };

  const customField = (field: string) => customFields.find((f) => `custom.${f.key}` === field);
  const rows = fields.filter((field) => records.some((r) => !isEmpty(fieldValue(r, field)) || field === "name"));
  const fieldLabel = (field: string) =>
    field.startsWith("custom.")
      ? localized(customField(field)?.label ?? { en: field, "zh-CN": field })
      : t(`${labels}.${field}` as never);
  // Which record this is (name · owner: two records may share a name) and what merging does with it.
  const recordName = (record: AnyRecord) => `${record.name} · ${String(record.ownerName ?? t("duplicates.noOwner"))}`;
  const recordHeading = (record: AnyRecord) => (
    <Flex vertical>
      <Typography.Text strong data-testid="merge-record-name">
        {recordName(record)}
      </Typography.Text>
      <Typography.Text type={record.id === survivorId ? "success" : "secondary"} data-testid="merge-record-role">
        {record.id === survivorId ? t("duplicates.merge.mainRecord") : t("duplicates.merge.mergedAway")}
      </Typography.Text>
    </Flex>
  );
  const valueView = (record: AnyRecord, field: string) => {
    const custom = customField(field);
    return custom ? (
      <CustomFieldValue field={custom as CustomField} value={fieldValue(record, field)} />
    ) : (
      show(record, field) || <Typography.Text type="secondary">—</Typography.Text>
    );
  };
  return (
    <Modal
      open={open}
      onCancel={guard.close}
      title={t("duplicates.merge.title", { count: ids.length })}
      // As wide as the records need, never wider than the window: the table scrolls beyond that.
      width={phone ? "100%" : `min(${FIELD_COLUMN + 48 + ids.length * RECORD_COLUMN}px, calc(100vw - 32px))`}
      okText={t("duplicates.merge.submit")}
      okButtonProps={{ disabled: !ready || !survivor, ...{ "data-testid": "merge-submit" } }}
      confirmLoading={merge.isPending}
      onOk={submit}
      destroyOnHidden
    >
      {failed ? (
        <Alert type="error" showIcon title={describe(failed)} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t("duplicates.merge.explain")}</Typography.Paragraph>
          {phone ? (
            loading ? (
              <Spin />
            ) : (
              <MergeChoicesList
                records={records}
                fields={rows}
                survivorId={survivorId}
                onSurvivor={setSurvivorId}
                picks={picks}
                onPick={setPicks}
                fieldLabel={fieldLabel}
                recordHeading={recordHeading}
                recordName={recordName}
                value={valueView}
              />
            )
          ) : (
            <Table
              size="small"
              loading={loading}
              pagination={false}
              rowKey="field"
              scroll={{ x: FIELD_COLUMN + records.length * RECORD_COLUMN }}
              dataSource={rows.map((field) => ({ field }))}
              columns={[
                {
                  key: "field",
                  title: "",
                  fixed: "left",
                  width: FIELD_COLUMN,
                  render: (_, row) => <Typography.Text strong>{fieldLabel(row.field)}</Typography.Text>,
                },
                ...records.map((record) => ({
                  key: record.id,
                  width: RECORD_COLUMN,
                  title: (
                    <HeaderOnly>
                      <Radio
                        checked={record.id === survivorId}
                        onChange={() => setSurvivorId(record.id)}
                        data-testid="merge-survivor"
                      >
                        {recordHeading(record)}
                      </Radio>
                    </HeaderOnly>
                  ),
                  render: (_: unknown, row: { field: string }) => (
                    <Radio
                      checked={picks[row.field] === record.id}
                      // A click, not a change: the value already checked (the default) is picked on purpose too.
                      onClick={() => setPicks(row.field, record.id)}
                      data-testid={`merge-pick-${row.field}`}
                    >
                      {valueView(record, row.field)}
                    </Radio>
                  ),
                })),
              ]}
            />
          )}
        </>
      )}
    </Modal>
  );
}
