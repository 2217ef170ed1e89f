import { Flex, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../lib/useFormat";

/** The next follow-up as a tag: red when overdue. */
export function NextFollowUp({ at }: { at: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!at) return <Typography.Text type="secondary">{t("followUps.notPlanned")}</Typography.Text>;
  const overdue = Date.parse(at) < Date.now();
  return (
    <span>
      {format.dateTime(at)} {overdue && <Tag color="red">{t("followUps.overdue")}</Tag>}
    </span>
  );
}

/** A customer's last and next follow-up, on one line that wraps on phones. */
export function FollowUpSummary({ last, next }: { last: string | null; next: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Flex wrap gap={16} data-testid="follow-up-summary">
      <span>
        <Typography.Text type="secondary">{t("followUps.lastFollowUp")}: </Typography.Text>
        {last ? format.dateTime(last) : t("followUps.never")}
      </span>
      <span>
        <Typography.Text type="secondary">{t("followUps.nextFollowUp")}: </Typography.Text>
        <NextFollowUp at={next} />
      </span>
    </Flex>
  );
}
