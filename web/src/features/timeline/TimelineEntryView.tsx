import { CheckSquareOutlined, ContactsOutlined, EditOutlined, InfoCircleOutlined } from "@ant-design/icons";
import { Flex, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormat } from "../../lib/useFormat";
import { useCustomerLabels } from "../customers/labels";
import { EditFollowUpButton } from "../follow-ups/EditFollowUpButton";
import { NextFollowUp } from "../follow-ups/FollowUpSummary";
import { followUpKindIcons, isFollowUpKind } from "../follow-ups/kinds";
import { withImportBatchNames } from "../imports/ImportBatchName";
import type { TimelineEntry } from "./api";

type FieldChange = { field: string; from: unknown; to: unknown };

const isChange = (value: unknown): value is FieldChange =>
  typeof value === "object" && value !== null && "field" in value && typeof value.field === "string";
const text = (value: unknown) => (typeof value === "string" ? value : null);
const isNamed = (value: unknown): value is { id: string; name: string } =>
  typeof value === "object" && value !== null && "id" in value && "name" in value && typeof value.name === "string";

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

/**
 * One timeline entry, drawn from its kind and data; kinds this app does not know show their title.
 * `readOnly`: a pool customer's page (features/pool), read before claiming it: no edit, and names
 * rather than links, since the customer's contacts are not the caller's to open.
 */
export function TimelineEntryView({
  entry,
  nameOf,
  readOnly = false,
}: {
  entry: TimelineEntry;
  nameOf: (id: string) => string;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const contactLink = (id: string, name: ReactNode) => (readOnly ? name : <Link to={`/contacts/${id}`}>{name}</Link>);
  const format = useFormat();
  const labels = useCustomerLabels();
  const who = entry.actorName ?? t("audit.system");
  const when = format.dateTime(entry.at);

  if (entry.kind === "followUp" && isFollowUpKind(entry.data.kind)) {
    const outcome = text(entry.data.outcome);
    const next = text(entry.data.nextFollowUpAt);
    const people = Array.isArray(entry.data.contacts) ? entry.data.contacts.filter(isNamed) : [];
    return (
      <div data-testid="timeline-entry" data-kind={entry.kind}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Typography.Text type="secondary">
            {t("followUps.timeline.heading", { kind: t(`followUps.kind.${entry.data.kind}`), actor: who, at: when })}
          </Typography.Text>
          {!readOnly && <EditFollowUpButton followUpId={entry.id} />}
        </Flex>
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: "4px 0 0" }}>
          {text(entry.data.content)}
        </Typography.Paragraph>
        {people.length > 0 && (
          <div data-testid="timeline-follow-up-contacts">
            <Typography.Text strong>{t("followUps.fields.contactIds")}: </Typography.Text>
            {people.map((person, index) => (
              <span key={person.id}>
                {index > 0 && t("followUps.timeline.nameSeparator")}
                {contactLink(person.id, person.name)}
              </span>
            ))}
          </div>
        )}
        {outcome && (
          <div>
            <Typography.Text strong>{t("followUps.fields.outcome")}: </Typography.Text>
            {outcome}
          </div>
        )}
        {next && (
          <div>
            <Typography.Text strong>{t("followUps.fields.nextFollowUpAt")}: </Typography.Text>
            <NextFollowUp at={next} open={entry.data.nextFollowUpOpen !== false} />
          </div>
        )}
      </div>
    );
  }

  if (entry.kind === "change") {
    const action = text(entry.data.action) ?? entry.title;
    const changes = Array.isArray(entry.data.changes) ? entry.data.changes.filter(isChange) : [];
    const readable = withImportBatchNames(labels.value);
    const show = (field: string, value: unknown): ReactNode =>
      (field === "ownerId" || field === "departmentId") && typeof value === "string"
        ? nameOf(value)
        : readable(field, value);
    const move = action === "update" ? ownerMove(changes, entry.actorId) : null;
    if (move) {
      return (
        <div data-testid="timeline-entry" data-kind={entry.kind}>
          <Typography.Text type="secondary">
            {who} · {when}
          </Typography.Text>
          <div>
            {move.kind === "transferred"
              ? t("followUps.timeline.transferred", { name: move.to ? nameOf(move.to) : "—" })
              : t(`followUps.timeline.${move.kind}`)}
            {move.rule !== undefined
              ? t("followUps.timeline.byRule", { rule: show("reclaimRule", move.rule) })
              : move.reason !== undefined && t("followUps.timeline.because", { reason: show("reason", move.reason) })}
          </div>
        </div>
      );
    }
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
                {action !== "create" && action !== "merge" && (
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
          {contactLink(
            entry.entity.id,
            t("followUps.timeline.contactAdded", { name: text(entry.data.name) ?? entry.title }),
          )}
        </div>
      </div>
    );
  }

  if (entry.kind === "task") {
    const due = text(entry.data.dueAt);
    const completedAt = text(entry.data.completedAt);
    // A task about one of the customer's contacts says which, with a link to the contact.
    const contactId = entry.data.relatedType === "contact" ? text(entry.data.relatedId) : null;
    return (
      <div data-testid="timeline-entry" data-kind={entry.kind}>
        <Typography.Text type="secondary">
          {who} · {when}
        </Typography.Text>
        <div>
          {t("followUps.timeline.taskCreated", { title: entry.title })}
          {contactId && (
            <>
              {" · "}
              {contactLink(
                contactId,
                t("tasks.about", { name: text(entry.data.relatedName) ?? t("tasks.relatedTypes.contact") }),
              )}
            </>
          )}
        </div>
        {(due || entry.data.status === "done") && (
          <Flex wrap gap={6} align="center" style={{ marginTop: 2 }}>
            {due && (
              <Typography.Text type="secondary">
                {t("tasks.due", { when: entry.data.allDay === true ? format.date(due) : format.dateTime(due) })}
              </Typography.Text>
            )}
            {entry.data.status === "done" && (
              <Tag color="green" style={{ marginInlineEnd: 0 }}>
                {completedAt
                  ? t("followUps.timeline.taskCompletedAt", { at: format.dateTime(completedAt) })
                  : t("followUps.timeline.taskCompleted")}
              </Tag>
            )}
          </Flex>
        )}
      </div>
    );
  }

  return (
    <div data-testid="timeline-entry" data-kind={entry.kind}>
      <Typography.Text type="secondary">
        {who} · {when}
      </Typography.Text>
      <div>{entry.title}</div>
    </div>
  );
}

type OwnerMove = {
  kind: "released" | "reclaimed" | "claimed" | "transferred";
  to?: string;
  reason?: unknown;
  rule?: unknown;
};

/**
 * The pool's owner changes (modules/pool/ownership.ts) are audited as a plain update of the owner,
 * plus a `reason` for a release or transfer and a `reclaimRule` for an automatic reclaim. Read
 * back, they say what happened: released, reclaimed, claimed (a pool customer taken by the one who
 * made the change, without a reason) or transferred. Anything else stays a field-by-field change.
 */
function ownerMove(changes: FieldChange[], actorId: string | null): OwnerMove | null {
  const owner = changes.find((c) => c.field === "ownerId");
  if (!owner) return null;
  const notes = new Set(["ownerId", "departmentId", "reason", "reclaimRule"]);
  if (changes.some((c) => !notes.has(c.field))) return null;
  const reason = changes.find((c) => c.field === "reason")?.to ?? undefined;
  const rule = changes.find((c) => c.field === "reclaimRule")?.to ?? undefined;
  if (owner.to === null) {
    if (rule) return { kind: "reclaimed", rule };
    return reason ? { kind: "released", reason } : null;
  }
  if (owner.from === null && !reason && owner.to === actorId) return { kind: "claimed" };
  return reason && typeof owner.to === "string" ? { kind: "transferred", to: owner.to, reason } : null;
}
