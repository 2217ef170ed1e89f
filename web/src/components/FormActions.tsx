import { Button, Flex } from "antd";
import { useTranslation } from "react-i18next";

/** Cancel and Save at the bottom of a form; Save submits the enclosing antd Form. */
export function FormActions({
  onCancel,
  saving,
  saveTestId,
  disabled = false,
}: {
  onCancel: () => void;
  saving: boolean;
  saveTestId?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} justify="flex-end">
      <Button onClick={onCancel}>{t("common.cancel")}</Button>
      <Button type="primary" htmlType="submit" loading={saving} disabled={disabled} data-testid={saveTestId}>
        {t("common.save")}
      </Button>
    </Flex>
  );
}
