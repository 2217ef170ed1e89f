import { HistoryOutlined, InboxOutlined } from "@ant-design/icons";
import { Alert, Card, Flex, Radio, Select, Steps, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useErrorMessage } from "../../components/useErrorMessage";
import { type ImportChoices, type ImportObjectType, type ImportUpload, useUploadImport } from "./api";
import { CheckStep } from "./CheckStep";
import { MappingStep } from "./MappingStep";
import { ProgressStep } from "./ProgressStep";

const encodings = ["auto", "utf-8", "gb18030"] as const;
const encodingLabel = { auto: "auto", "utf-8": "utf8", gb18030: "gb18030" } as const;

/** Upload → mapping → check (dry run) → run with progress → report and undo. */
export function ImportWizardPage() {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const [searchParams] = useSearchParams();
  const [objectType, setObjectType] = useState<ImportObjectType>(
    searchParams.get("type") === "contact" ? "contact" : "customer",
  );
  const [encoding, setEncoding] = useState<(typeof encodings)[number]>("auto");
  const [uploaded, setUploaded] = useState<ImportUpload | null>(null);
  const [choices, setChoices] = useState<ImportChoices | null>(null);
  const [step, setStep] = useState(0);
  const [runId, setRunId] = useState<string | null>(null);
  const upload = useUploadImport();

  const restart = () => {
    setUploaded(null);
    setChoices(null);
    setRunId(null);
    setStep(0);
    upload.reset();
  };

  return (
    <Flex vertical gap={16} style={{ padding: 16, maxWidth: 1100 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t(`imports.title.${objectType}`)}
        </Typography.Title>
        <Link to={`/imports?type=${objectType}`}>
          <HistoryOutlined /> {t("imports.history")}
        </Link>
      </Flex>
      <Steps
        current={step}
        size="small"
        responsive
        items={[
          { title: t("imports.steps.upload") },
          { title: t("imports.steps.mapping") },
          { title: t("imports.steps.check") },
          { title: t("imports.steps.run") },
        ]}
      />
      <Card>
        {step === 0 && (
          <Flex vertical gap={16}>
            <Flex gap={16} wrap align="center">
              <Radio.Group
                value={objectType}
                onChange={(e) => setObjectType(e.target.value)}
                optionType="button"
                options={[
                  { value: "customer", label: t("imports.objectType.customer") },
                  { value: "contact", label: t("imports.objectType.contact") },
                ]}
              />
              <Flex gap={8} align="center">
                <Typography.Text>{t("imports.encoding.label")}</Typography.Text>
                <Select
                  value={encoding}
                  onChange={setEncoding}
                  style={{ minWidth: 200 }}
                  options={encodings.map((e) => ({ value: e, label: t(`imports.encoding.${encodingLabel[e]}`) }))}
                  data-testid="import-encoding"
                />
              </Flex>
            </Flex>
            <div data-testid="import-file">
              <Upload.Dragger
                accept=".csv,.txt,.tsv,.xlsx,text/csv,text/plain,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                showUploadList={false}
                disabled={upload.isPending}
                beforeUpload={(file) => {
                  upload.mutate(
                    { file, objectType, encoding },
                    {
                      onSuccess: (result) => {
                        setUploaded(result);
                        setStep(1);
                      },
                    },
                  );
                  return false;
                }}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{upload.isPending ? t("imports.uploading") : t("imports.drop")}</p>
                <p className="ant-upload-hint">{t("imports.dropHint")}</p>
              </Upload.Dragger>
            </div>
            {upload.error && <Alert type="error" showIcon title={describe(upload.error)} />}
          </Flex>
        )}
        {step === 1 && uploaded && (
          <MappingStep
            uploaded={uploaded}
            initial={choices?.mapping ?? uploaded.suggestedMapping}
            onBack={restart}
            onNext={(mapping) => {
              setChoices({
                mapping,
                duplicates: choices?.duplicates ?? "skip",
                validOnly: choices?.validOnly ?? true,
                createCustomers: choices?.createCustomers ?? false,
              });
              setStep(2);
            }}
          />
        )}
        {step === 2 && uploaded && choices && (
          <CheckStep
            batchId={uploaded.batch.id}
            objectType={uploaded.batch.objectType}
            choices={choices}
            onChange={setChoices}
            onBack={() => setStep(1)}
            onStarted={(id) => {
              setRunId(id);
              setStep(3);
            }}
          />
        )}
        {step === 3 && runId && <ProgressStep batchId={runId} onAnother={restart} />}
      </Card>
    </Flex>
  );
}
