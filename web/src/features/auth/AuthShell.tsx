import { Card, Flex, Typography } from "antd";
import type { ReactNode } from "react";
import { LanguageSwitch } from "../../components/LanguageSwitch";

/** Centered card used by the sign-in and setup pages, with the language switch on top. */
export function AuthShell({
  title,
  subtitle,
  width = 420,
  children,
}: {
  title: string;
  subtitle?: string;
  width?: number;
  children: ReactNode;
}) {
  return (
    <Flex vertical align="center" style={{ minHeight: "100vh", padding: "24px 12px" }}>
      <Flex justify="flex-end" style={{ width: "100%", maxWidth: width }}>
        <LanguageSwitch size="small" />
      </Flex>
      <Typography.Title level={2} style={{ margin: "24px 0 8px" }}>
        Rapport
      </Typography.Title>
      <Card style={{ width: "100%", maxWidth: width }}>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
          {title}
        </Typography.Title>
        {subtitle && <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph>}
        {children}
      </Card>
    </Flex>
  );
}
