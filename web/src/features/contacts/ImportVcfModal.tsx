import { UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Checkbox, Flex, Modal, Radio, Table, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorMessage } from "../../components/useErrorMessage";
import { isApiError } from "../../lib/api/errors";
import { WarningMessage } from "../imports/WarningMessage";
import { type ContactImportResult, useImportVcf, type VcfDuplicateMode } from "./api";

type CardRow = ContactImportResult["cards"][number];

/** Upload a .vcf file, import it, and show what became of each card. */
export function ImportVcfModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const importVcf = useImportVcf();
  const [file, setFile] = useState<{ name: string; bytes: ArrayBuffer } | null>(null);
  const [readError, setReadError] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [duplicates, setDuplicates] = useState<VcfDuplicateMode>("skip");

  const close = () => {
    setFile(null);
    setReadError(false);
    importVcf.reset();
    onClose();
  };

  const result = importVcf.data;
  const error = importVcf.error;
  return (
    <Modal
      open={open}
      title={t("contacts.import.title")}
      onCancel={close}
      width={720}
      footer={
        result ? (
          <Button type="primary" onClick={close}>
            {t("common.done")}
          </Button>
        ) : (
          <Flex gap={8} justify="flex-end">
            <Button onClick={close}>{t("common.cancel")}</Button>
            <Button
              type="primary"
              disabled={!file}
              loading={importVcf.isPending}
              onClick={() => file && importVcf.mutate({ bytes: file.bytes, skipInvalid, duplicates })}
              data-testid="contact-import-submit"
            >
              {t("contacts.import.submit")}
            </Button>
          </Flex>
        )
      }
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t("contacts.import.hint")}
        </Typography.Paragraph>
        {!result && (
          <>
            <Upload
              accept=".vcf,text/vcard,text/x-vcard"
              maxCount={1}
              showUploadList={false}
              beforeUpload={(chosen) => {
                // Read in the browser and send as bytes (a phone's file may be GBK, which only the server
                // reads right): nothing is uploaded before "Import".
                chosen.arrayBuffer().then(
                  (bytes) => {
                    setFile({ name: chosen.name, bytes });
                    setReadError(false);
                    importVcf.reset();
                  },
                  () => setReadError(true),
                );
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} data-testid="contact-import-file">
                {file ? file.name : t("contacts.import.choose")}
              </Button>
            </Upload>
            <Flex vertical gap={4}>
              <Typography.Text strong>{t("contacts.import.duplicates")}</Typography.Text>
              <Radio.Group
                value={duplicates}
                onChange={(e) => setDuplicates(e.target.value as VcfDuplicateMode)}
                options={(["skip", "update", "create"] as const).map((d) => ({
                  value: d,
                  label: t(`imports.duplicates.${d}`),
                }))}
                data-testid="contact-import-duplicates"
              />
            </Flex>
            <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)}>
              {t("contacts.import.skipInvalid")}
            </Checkbox>
          </>
        )}
        {readError && <Alert type="error" showIcon title={t("contacts.import.readError")} />}
        {error && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t("contacts.import.failed")}
            description={
              isApiError(error) && error.details.length > 0 ? (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {error.details.map((d) => (
                    <li key={d.path}>{d.message}</li>
                  ))}
                </ul>
              ) : (
                describe(error)
              )
            }
          />
        )}
        {result && (
          <>
            <Alert
              type={result.skipped > 0 ? "warning" : "success"}
              showIcon
              title={t("contacts.import.summary", {
                created: result.created,
                updated: result.updated,
                skipped: result.skipped,
              })}
              data-testid="contact-import-summary"
            />
            <Table<CardRow>
              rowKey="number"
              size="small"
              pagination={false}
              scroll={{ y: 320 }}
              dataSource={result.cards}
              columns={[
                { key: "number", title: t("contacts.import.card"), dataIndex: "number", width: 56 },
                { key: "name", title: t("contacts.fields.name"), render: (_, c) => c.name ?? "—" },
                {
                  key: "status",
                  title: t("contacts.import.status"),
                  render: (_, c) =>
                    c.status === "skipped" ? (
                      <Tag color="orange">{t("contacts.import.skipped")}</Tag>
                    ) : (
                      <Tag color={c.status === "created" ? "green" : "blue"}>{t(`contacts.import.${c.status}`)}</Tag>
                    ),
                },
                {
                  key: "reason",
                  title: t("contacts.import.reason"),
                  // Wraps rather than runs off a phone's screen; a matched contact is a link.
                  render: (_, c) => (
                    <WarningMessage
                      objectType="contact"
                      message={[c.reason, ...c.warnings].filter(Boolean).join("; ") || "—"}
                    />
                  ),
                },
              ]}
            />
          </>
        )}
      </Flex>
    </Modal>
  );
}
