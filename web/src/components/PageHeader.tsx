import { Flex, Typography } from "antd";
import type { ReactNode } from "react";

/**
 * Page title (the page's h1) with actions on the right; wraps on phones. `aside` sits beside the
 * title, outside the heading (a list's total).
 */
export function PageHeader({ title, extra, aside }: { title: ReactNode; extra?: ReactNode; aside?: ReactNode }) {
  const heading = (
    <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
      {title}
    </Typography.Title>
  );
  return (
    <Flex justify="space-between" align="center" wrap gap={8}>
      {aside ? (
        <Flex align="baseline" gap={12} wrap>
          {heading}
          {aside}
        </Flex>
      ) : (
        heading
      )}
      {extra}
    </Flex>
  );
}
