import { Button, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { useCursorStack } from "../lib/useCursorStack";

interface CursorPagerProps {
  paging: ReturnType<typeof useCursorStack>;
  /** The list's answer: where the next page starts, if there is one. */
  nextCursor: string | null | undefined;
  /** A page is loading: both buttons wait. */
  busy?: boolean;
  /** Show "Page n" (full lists); cards show only the buttons, and nothing for a single page. */
  showPage?: boolean;
  testIdPrefix?: string;
}

/** Previous / Next over a keyset-paged list (see useCursorStack). */
export function CursorPager({ paging, nextCursor, busy = false, showPage = false, testIdPrefix }: CursorPagerProps) {
  const { t } = useTranslation();
  if (!showPage && !paging.hasPrevious && !nextCursor) return null;
  return (
    <Flex justify="flex-end" align="center" gap={8}>
      {showPage && <Typography.Text type="secondary">{t("common.page", { page: paging.page })}</Typography.Text>}
      <Button
        disabled={!paging.hasPrevious || busy}
        onClick={paging.previous}
        data-testid={testIdPrefix && `${testIdPrefix}-prev`}
      >
        {t("common.previous")}
      </Button>
      <Button
        disabled={!nextCursor || busy}
        onClick={() => nextCursor && paging.next(nextCursor)}
        data-testid={testIdPrefix && `${testIdPrefix}-next`}
      >
        {t("common.next")}
      </Button>
    </Flex>
  );
}
