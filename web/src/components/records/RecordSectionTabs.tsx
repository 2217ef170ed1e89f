import { Grid, Tabs, theme } from "antd";
import { type ReactNode, useState } from "react";

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
  const [picked, setPicked] = useState<string>();
  const active = sections.some((section) => section.key === picked) ? picked : sections[0]?.key;
  // On a phone a customer's five tabs must all fit one row: antd's "…" menu would hide the last ones.
  // Tighter gaps and a slightly smaller title make the room; the counts are small badges throughout.
  const phone = Grid.useBreakpoint().sm === false;
  return (
    <Tabs
      activeKey={active}
      onChange={setPicked}
      tabBarGutter={phone ? 12 : 16}
      styles={phone ? { item: { fontSize: 12, whiteSpace: "normal", textAlign: "center" } } : undefined}
      items={sections.map((section) => ({
        key: section.key,
        label: <SectionLabel section={section} active={section.key === active} />,
        children: section.content,
      }))}
      data-testid="record-sections"
    />
  );
}

/** A tab's title and its count as a small badge: tinted on the open tab, grey on the others. */
function SectionLabel({ section, active }: { section: RecordSection; active: boolean }) {
  const { token } = theme.useToken();
  if (section.count === undefined) return section.label;
  // The space parts the two for a screen reader ("Contacts 12"), and is where a squeezed tab wraps.
  return (
    <>
      {section.label}{" "}
      <span
        data-testid="record-section-count"
        style={{
          display: "inline-block",
          minWidth: 16,
          padding: "0 4px",
          borderRadius: 8,
          fontSize: 11,
          lineHeight: "16px",
          textAlign: "center",
          background: active ? token.colorPrimaryBg : token.colorFillSecondary,
          color: active ? token.colorPrimary : token.colorTextSecondary,
        }}
      >
        {section.count}
      </span>
    </>
  );
}
