import { Alert, Button, Empty, Segmented, Spin, Timeline } from "antd";
import { useTranslation } from "react-i18next";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useDepartments, useUsers } from "../admin/api";
import type { TimelineEntry } from "./api";
import { entryIcon, TimelineEntryView } from "./TimelineEntryView";

export const TIMELINE_FILTERS = ["all", "followUp", "change", "task", "contact"] as const;
export type TimelineFilter = (typeof TIMELINE_FILTERS)[number];

/** The kinds a filter asks the server for: none means every kind. */
export const kindsOf = (filter: TimelineFilter): string[] => (filter === "all" ? [] : [filter]);

/** What the timeline needs of its infinite query, whichever endpoint it reads (a customer's, a pool customer's). */
type TimelinePages = {
  data?: { pages: { data: TimelineEntry[] }[] };
  isPending: boolean;
  isError: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
};

/**
 * A timeline's filter by kind, its entries newest first and "Load more", inside the card that says
 * whose it is. `readOnly` entries offer no edits.
 */
export function TimelineEntries({
  filter,
  onFilter,
  timeline,
  readOnly = false,
}: {
  filter: TimelineFilter;
  onFilter: (filter: TimelineFilter) => void;
  timeline: TimelinePages;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  // Names for the ids a change stores; without access to these lists the id is shown.
  const users = useUsers();
  const departments = useDepartments();
  const names = new Map<string, string>([
    ...(users.data ?? []).map((u): [string, string] => [u.id, u.name]),
    ...(departments.data ?? []).map((d): [string, string] => [d.id, d.name]),
  ]);
  const nameOf = (id: string) => names.get(id) ?? id;
  const entries = timeline.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <>
      <div style={{ overflowX: "auto" }}>
        <Segmented<TimelineFilter>
          aria-label={t("followUps.timeline.filter")}
          value={filter}
          onChange={onFilter}
          options={TIMELINE_FILTERS.map((value) => ({ value, label: t(`followUps.timeline.kinds.${value}`) }))}
          data-testid="timeline-filter"
        />
      </div>
      {timeline.isPending ? (
        <Spin />
      ) : timeline.isError ? (
        <Alert type="error" showIcon title={describe(timeline.error)} />
      ) : entries.length === 0 ? (
        <Empty
          description={filter === "all" ? t("followUps.timeline.empty") : t(`followUps.timeline.emptyKind.${filter}`)}
        />
      ) : (
        <Timeline
          data-testid="timeline"
          items={entries.map((entry) => ({
            key: `${entry.kind}:${entry.id}`,
            icon: entryIcon(entry),
            content: <TimelineEntryView entry={entry} nameOf={nameOf} readOnly={readOnly} />,
          }))}
        />
      )}
      {timeline.hasNextPage && (
        <Button
          onClick={() => timeline.fetchNextPage()}
          loading={timeline.isFetchingNextPage}
          style={{ alignSelf: "flex-start" }}
          data-testid="timeline-load-more"
        >
          {t("common.loadMore")}
        </Button>
      )}
    </>
  );
}
