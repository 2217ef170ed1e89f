import { MenuOutlined } from "@ant-design/icons";
import { Button, Drawer, Flex, Grid, Layout, Typography, theme } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Outlet } from "react-router";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { LeaveGuardHost } from "../../components/leaveGuard";
import { useCurrentSession } from "../../features/auth/session";
import { NotificationBell } from "../../features/notifications/NotificationBell";
import { GlobalSearch } from "../../features/search/GlobalSearch";
import { isValidTimeZone, TimeZoneContext } from "../../lib/useFormat";
import { SideMenu } from "./SideMenu";
import { UserMenu } from "./UserMenu";

const { Header, Sider, Content } = Layout;

/** The frame around every signed-in page: side menu (a drawer on phones), header, content. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const screens = Grid.useBreakpoint();
  const { token } = theme.useToken();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [siderCollapsed, setSiderCollapsed] = useState(false);
  // Below md (768px) there is no room for a fixed side menu.
  const isPhone = !screens.md;
  const timeZone = isValidTimeZone(session.organization.timeZone) ? session.organization.timeZone : undefined;

  const brand = (collapsed: boolean) => (
    <Typography.Text strong style={{ fontSize: 18, color: token.colorPrimary }}>
      {collapsed ? "R" : "Rapport"}
    </Typography.Text>
  );
  const menu = <SideMenu isAdmin={session.user.isAdmin} onNavigate={() => setDrawerOpen(false)} />;

  return (
    <TimeZoneContext value={timeZone}>
      <LeaveGuardHost />
      <Layout style={{ minHeight: "100vh" }}>
        {isPhone ? (
          <Drawer
            placement="left"
            size={260}
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={brand(false)}
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        ) : (
          <Sider
            theme="light"
            width={220}
            breakpoint="lg"
            collapsible
            collapsed={siderCollapsed}
            onCollapse={setSiderCollapsed}
            // Stays in view with its own scrollbar, so the collapse button at the bottom never covers
            // the last menu items on a short screen.
            style={{ position: "sticky", top: 0, height: "100vh" }}
          >
            <Flex vertical style={{ height: "100%" }}>
              <Flex align="center" justify="center" style={{ height: 64, flex: "none" }}>
                {brand(siderCollapsed)}
              </Flex>
              <div style={{ flex: 1, minHeight: 0, overflowY: "auto" }}>{menu}</div>
            </Flex>
          </Sider>
        )}
        <Layout>
          <Header
            style={{
              background: token.colorBgContainer,
              paddingInline: isPhone ? 8 : 24,
              borderBottom: `1px solid ${token.colorBorderSecondary}`,
            }}
          >
            <Flex align="center" gap={8} style={{ height: "100%" }}>
              {isPhone && (
                <Button
                  type="text"
                  icon={<MenuOutlined />}
                  aria-label={t("nav.openMenu")}
                  data-testid="nav-menu-button"
                  onClick={() => setDrawerOpen(true)}
                />
              )}
              <Typography.Text strong ellipsis style={{ flex: 1, minWidth: 0 }} data-testid="org-name">
                {session.organization.name}
              </Typography.Text>
              <GlobalSearch compact={isPhone} />
              <NotificationBell />
              <LanguageSwitch size={isPhone ? "small" : "middle"} />
              <UserMenu compact={isPhone} />
            </Flex>
          </Header>
          <Content style={{ padding: isPhone ? 12 : 24, minWidth: 0 }}>
            <Outlet />
          </Content>
        </Layout>
      </Layout>
    </TimeZoneContext>
  );
}
