import { Tabs } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";

export interface RecordSection {
  key: string;
  /** The section's card title. */
  label: string;
  /** How many it lists, when its card's own query already says ("20+" past the first page). */
  count?: number | string;
  content: ReactNode;
}

/** How many records a first page holds, "<n>+" when there are more; none before it has loaded. */
export const countOfPage = (page: { data: unknown[]; nextCursor?: string | null } | undefined) =>
  page === undefined ? undefined : page.nextCursor ? `${page.data.length}+` : page.data.length;

/**
 * A record page's sections as tabs, where the screen is too narrow to show them side by side and a
 * stack would bury the last under the others: the first (what happened) open at first. The tab
 * picked stays while the page re-renders (a follow-up logged refreshes the record); key this by the
 * record to start again from the first on another. A tab's card mounts when first opened, then
 * stays mounted, keeping what was typed in it.
 */
export function RecordSectionTabs({ sections }: { sections: RecordSection[] }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<string>();
  const active = sections.some((section) => section.key === picked) ? picked : sections[0]?.key;
  return (
    <Tabs
      activeKey={active}
      onChange={setPicked}
      tabBarGutter={16}
      items={sections.map((section) => ({
        key: section.key,
        label:
          section.count === undefined
            ? section.label
            : t("common.withCount", { label: section.label, number: section.count }),
        children: section.content,
      }))}
      data-testid="record-sections"
    />
  );
}
