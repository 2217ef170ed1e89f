import { Alert, Button, Checkbox, Flex, Grid, Radio, Spin, Statistic, Table, Tabs, Tag, Typography } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useErrorMessage } from "../../components/useErrorMessage";
import {
  type DuplicateMode,
  type ImportChoices,
  type ImportDryRun,
  type ImportObjectType,
  useDryRun,
  useRunImport,
} from "./api";
import { PreviewValues } from "./labels";
import { WarningMessage } from "./WarningMessage";

const actionColors: Record<string, string> = { create: "green", update: "blue", skip: "default", error: "red" };

/** The dry run: every row checked by the server's rules, nothing written; then the run. */
export function CheckStep({
  batchId,
  objectType,
  choices,
  onChange,
  onBack,
  onStarted,
}: {
  batchId: string;
  objectType: ImportObjectType;
  choices: ImportChoices;
  onChange: (choices: ImportChoices) => void;
  onBack: () => void;
  onStarted: (batchId: string) => void;
}) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const dryRun = useDryRun();
  // On a phone the tables fit the screen and their messages wrap, rather than scroll out of sight.
  const wide = Grid.useBreakpoint().md !== false;
  const rowWidth = wide ? 80 : 44;
  const run = useRunImport();
  const { mutate } = dryRun;
  // Checked again whenever the duplicate choice changes: it decides which rows update or skip.
  useEffect(() => mutate({ id: batchId, choices }), [mutate, batchId, choices]);
  const result: ImportDryRun | undefined = dryRun.data;

  return (
    <Flex vertical gap={16}>
      <Flex gap={24} wrap>
        <Flex vertical gap={4}>
          <Typography.Text strong>{t("imports.duplicates.label")}</Typography.Text>
          <Radio.Group
            value={choices.duplicates}
            onChange={(e) => onChange({ ...choices, duplicates: e.target.value as DuplicateMode })}
            options={(["skip", "update", "create"] as const).map((d) => ({
              value: d,
              label: t(`imports.duplicates.${d}`),
            }))}
            data-testid="import-duplicates"
          />
        </Flex>
        <Flex vertical gap={4}>
          <Typography.Text strong>{t("imports.errorsChoice.label")}</Typography.Text>
          <Radio.Group
            value={choices.validOnly}
            onChange={(e) => onChange({ ...choices, validOnly: e.target.value as boolean })}
            options={[
              { value: true, label: t("imports.errorsChoice.validOnly") },
              { value: false, label: t("imports.errorsChoice.nothing") },
            ]}
          />
        </Flex>
        {objectType === "contact" && (
          <Flex vertical gap={4}>
            <Typography.Text strong>{t("imports.createCustomers.label")}</Typography.Text>
            <Checkbox
              checked={choices.createCustomers}
              onChange={(e) => onChange({ ...choices, createCustomers: e.target.checked })}
              data-testid="import-create-customers"
            >
              {t("imports.createCustomers.option")}
            </Checkbox>
          </Flex>
        )}
      </Flex>
      {dryRun.error && <Alert type="error" showIcon title={describe(dryRun.error)} />}
      {dryRun.isPending && (
        // The check is one request: no count of rows checked so far, but it says what is going on.
        <Flex gap={8} align="center" data-testid="import-checking">
          <Spin size="small" />
          <Typography.Text type="secondary">{t("imports.checking")}</Typography.Text>
        </Flex>
      )}
      {result && (
        <Spin spinning={dryRun.isPending}>
          <Flex vertical gap={16}>
            <Flex vertical gap={8}>
              <Flex gap={32} wrap data-testid="import-check-summary">
                <Statistic title={t("imports.count.total")} value={result.total} />
                <Statistic title={t("imports.count.create")} value={result.create} />
                <Statistic title={t("imports.count.update")} value={result.update} />
                <Statistic title={t("imports.count.skip")} value={result.skip} />
                <Statistic
                  title={t("imports.count.error")}
                  value={result.error}
                  styles={{ content: result.error > 0 ? { color: "#cf1322" } : undefined }}
                />
              </Flex>
              {/* Records beside the rows' own: the run creates these customers, and the undo removes them. */}
              {result.newCustomers > 0 && (
                <Typography.Text data-testid="import-new-customers">
                  {t("imports.newCustomers", { count: result.newCustomers })}
                </Typography.Text>
              )}
            </Flex>
            <Tabs
              items={[
                {
                  key: "problems",
                  label: t("imports.problems", { count: result.problems.length }),
                  children: (
                    <Table
                      size="small"
                      rowKey={(p) => `${p.row}:${p.field}:${p.message}`}
                      dataSource={result.problems}
                      pagination={{ pageSize: 10, hideOnSinglePage: true }}
                      scroll={wide ? { x: 500 } : undefined}
                      locale={{ emptyText: t("imports.noProblems") }}
                      columns={[
                        { title: t("imports.row"), dataIndex: "row", width: rowWidth },
                        { title: t("imports.column"), dataIndex: "field", width: wide ? 160 : 96 },
                        { title: t("imports.message"), dataIndex: "message" },
                      ]}
                      data-testid="import-problems"
                    />
                  ),
                },
                {
                  key: "warnings",
                  label: t("imports.warnings", { count: result.warnings.length }),
                  children: (
                    <Table
                      size="small"
                      rowKey={(w) => `${w.row}:${w.message}`}
                      dataSource={result.warnings}
                      pagination={{ pageSize: 10, hideOnSinglePage: true }}
                      columns={[
                        { title: t("imports.row"), dataIndex: "row", width: rowWidth },
                        {
                          title: t("imports.message"),
                          dataIndex: "message",
                          render: (message: string) => <WarningMessage objectType={objectType} message={message} />,
                        },
                      ]}
                    />
                  ),
                },
                {
                  key: "preview",
                  label: t("imports.preview"),
                  children: (
                    <Table
                      size="small"
                      rowKey="row"
                      dataSource={result.preview}
                      pagination={false}
                      scroll={wide ? { x: 500 } : undefined}
                      columns={[
                        { title: t("imports.row"), dataIndex: "row", width: rowWidth },
                        {
                          title: t("imports.action"),
                          dataIndex: "action",
                          width: wide ? 110 : 64,
                          render: (a: ImportDryRun["preview"][number]["action"]) => (
                            <Tag color={actionColors[a]}>{t(`imports.actions.${a}`)}</Tag>
                          ),
                        },
                        {
                          title: t("imports.values"),
                          dataIndex: "values",
                          render: (values: Record<string, unknown> | null) =>
                            values ? <PreviewValues objectType={objectType} values={values} /> : null,
                        },
                      ]}
                    />
                  ),
                },
              ]}
            />
          </Flex>
        </Spin>
      )}
      {run.error && <Alert type="error" showIcon title={describe(run.error)} />}
      <Flex gap={8} justify="flex-end" wrap>
        <Button onClick={onBack}>{t("imports.back")}</Button>
        <Button
          type="primary"
          disabled={!result || dryRun.isPending || result.create + result.update === 0}
          loading={run.isPending}
          onClick={() => run.mutate({ id: batchId, choices }, { onSuccess: (batch) => onStarted(batch.id) })}
          data-testid="import-run"
        >
          {/* No count before the check has given one: 「导入 0 行」 would read as nothing to import. */}
          {result && !dryRun.isPending
            ? t("imports.run", { count: result.create + result.update })
            : t("imports.runUnchecked")}
        </Button>
      </Flex>
    </Flex>
  );
}
