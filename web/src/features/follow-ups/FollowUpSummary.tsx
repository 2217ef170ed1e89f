import { Flex, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../lib/useFormat";

/**
 * A planned follow-up: red when overdue. `open` false: a follow-up's plan that a later one carried
 * out or replaced (the server's nextFollowUpOpen), history rather than something still to do, so
 * never overdue; a customer's next follow-up is always open.
 */
export function NextFollowUp({ at, open = true }: { at: string | null; open?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!at) return <Typography.Text type="secondary">{t("followUps.notPlanned")}</Typography.Text>;
  const overdue = open && Date.parse(at) < Date.now();
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
