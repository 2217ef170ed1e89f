import { CheckSquareOutlined, ContactsOutlined, EditOutlined, InfoCircleOutlined } from "@ant-design/icons";
import { Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormat } from "../../lib/useFormat";
import { useCustomerLabels } from "../customers/labels";
import { NextFollowUp } from "../follow-ups/FollowUpSummary";
import { followUpKindIcons, isFollowUpKind } from "../follow-ups/kinds";
import type { TimelineEntry } from "./api";

type FieldChange = { field: string; from: unknown; to: unknown };

const isChange = (value: unknown): value is FieldChange =>
  typeof value === "object" && value !== null && "field" in value && typeof value.field === "string";
const text = (value: unknown) => (typeof value === "string" ? value : null);

/** The icon on the timeline's axis for an entry. */
export function entryIcon(entry: TimelineEntry): ReactNode {
  if (entry.kind === "followUp") {
    const kind = entry.data.kind;
    return isFollowUpKind(kind) ? followUpKindIcons[kind] : <InfoCircleOutlined />;
  }
  if (entry.kind === "change") return <EditOutlined />;
  if (entry.kind === "task") return <CheckSquareOutlined />;
  if (entry.kind === "contact") return <ContactsOutlined />;
  return <InfoCircleOutlined />;
}

/** One timeline entry, drawn from its kind and data; kinds this app does not know show their title. */
export function TimelineEntryView({ entry, nameOf }: { entry: TimelineEntry; nameOf: (id: string) => string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useCustomerLabels();
  const who = entry.actorName ?? t("audit.system");
  const when = format.dateTime(entry.at);

  if (entry.kind === "followUp" && isFollowUpKind(entry.data.kind)) {
    const outcome = text(entry.data.outcome);
    const next = text(entry.data.nextFollowUpAt);
    return (
      <div data-testid="timeline-entry" data-kind={entry.kind}>
        <Typography.Text type="secondary">
          {t("followUps.timeline.heading", { kind: t(`followUps.kind.${entry.data.kind}`), actor: who, at: when })}
        </Typography.Text>
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: "4px 0 0" }}>
          {text(entry.data.content)}
        </Typography.Paragraph>
        {outcome && (
          <div>
            <Typography.Text strong>{t("followUps.fields.outcome")}: </Typography.Text>
            {outcome}
          </div>
        )}
        {next && (
          <div>
            <Typography.Text strong>{t("followUps.fields.nextFollowUpAt")}: </Typography.Text>
            <NextFollowUp at={next} />
          </div>
        )}
      </div>
    );
  }

  if (entry.kind === "change") {
    const action = text(entry.data.action) ?? entry.title;
    const changes = Array.isArray(entry.data.changes) ? entry.data.changes.filter(isChange) : [];
    const show = (field: string, value: unknown) =>
      (field === "ownerId" || field === "departmentId") && typeof value === "string"
        ? nameOf(value)
        : labels.value(field, value);
    const known = ["create", "update", "delete", "restore", "purge", "merge"] as const;
    const heading = known.find((a) => a === action);
    return (
      <div data-testid="timeline-entry" data-kind={entry.kind}>
        <Typography.Text type="secondary">
          {heading ? t(`audit.action.${heading}`, { actor: who, at: when }) : `${action} · ${who} · ${when}`}
        </Typography.Text>
        {changes.length > 0 && (
          <ul style={{ margin: "4px 0 0", paddingInlineStart: 18 }}>
            {changes.map((change) => (
              <li key={change.field}>
                <Typography.Text strong>{labels.field(change.field)}</Typography.Text>
                {": "}
                {action !== "create" && (
                  <>
                    <Typography.Text delete type="secondary">
                      {show(change.field, change.from)}
                    </Typography.Text>
                    {" → "}
                  </>
                )}
                <Typography.Text>{show(change.field, change.to)}</Typography.Text>
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }

  if (entry.kind === "contact" && entry.entity) {
    return (
      <div data-testid="timeline-entry" data-kind={entry.kind}>
        <Typography.Text type="secondary">
          {who} · {when}
        </Typography.Text>
        <div>
          <Link to={`/contacts/${entry.entity.id}`}>
            {t("followUps.timeline.contactAdded", { name: text(entry.data.name) ?? entry.title })}
          </Link>
        </div>
      </div>
    );
  }

  // A task about one of the customer's contacts says which, with a link to the contact.
  const contactId = entry.kind === "task" && entry.data.relatedType === "contact" ? text(entry.data.relatedId) : null;
  return (
    <div data-testid="timeline-entry" data-kind={entry.kind}>
      <Typography.Text type="secondary">
        {who} · {when}
      </Typography.Text>
      <div>
        {entry.title}
        {contactId && (
          <>
            {" · "}
            <Link to={`/contacts/${contactId}`}>
              {t("tasks.about", { name: text(entry.data.relatedName) ?? t("tasks.relatedTypes.contact") })}
            </Link>
          </>
        )}
      </div>
    </div>
  );
}
