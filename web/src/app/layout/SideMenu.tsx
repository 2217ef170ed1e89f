import {
  ApartmentOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  ContactsOutlined,
  CustomerServiceOutlined,
  FormOutlined,
  FundOutlined,
  InboxOutlined,
  KeyOutlined,
  MergeCellsOutlined,
  NotificationOutlined,
  PhoneOutlined,
  SafetyOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { Menu, type MenuProps, Tag } from "antd";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { can, useCurrentSession } from "../../features/auth/session";

type MenuItem = NonNullable<MenuProps["items"]>[number];

const adminRoutes = [
  { path: "/admin/users", icon: <UserOutlined />, key: "users" },
  { path: "/admin/departments", icon: <ApartmentOutlined />, key: "departments" },
  { path: "/admin/roles", icon: <SafetyOutlined />, key: "roles" },
  { path: "/admin/api-keys", icon: <KeyOutlined />, key: "apiKeys" },
  { path: "/admin/option-lists", icon: <UnorderedListOutlined />, key: "optionLists" },
  { path: "/admin/pool", icon: <InboxOutlined />, key: "poolRules" },
  { path: "/admin/custom-fields", icon: <FormOutlined />, key: "customFields" },
] as const;

const moduleRoutes = [
  { path: "/customers", module: "customers", icon: <TeamOutlined />, label: "nav.customers" },
  { path: "/pool", module: "pool", icon: <InboxOutlined />, label: "nav.pool" },
  { path: "/contacts", module: "contacts", icon: <ContactsOutlined />, label: "nav.contacts" },
  { path: "/follow-ups", module: "followUps", icon: <PhoneOutlined />, label: "nav.followUps" },
  { path: "/tasks", module: "tasks", icon: <CheckSquareOutlined />, label: "nav.tasks" },
  { path: "/duplicates", module: "duplicates", icon: <MergeCellsOutlined />, label: "duplicates.nav" },
] as const;

const upcomingModules = [
  { key: "deals", icon: <FundOutlined /> },
  { key: "marketing", icon: <NotificationOutlined /> },
  { key: "service", icon: <CustomerServiceOutlined /> },
  { key: "analytics", icon: <BarChartOutlined /> },
] as const;

/** Module navigation; admin entries only for admins. Menu keys are route paths. */
export function SideMenu({ isAdmin, onNavigate }: { isAdmin: boolean; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();

  const session = useCurrentSession();
  // A module the user may not view is left out rather than shown to answer 403.
  const moduleItems: MenuItem[] = moduleRoutes
    .filter((route) => can(session, route.module, "view"))
    .map((route) => ({ key: route.path, icon: route.icon, label: <Link to={route.path}>{t(route.label)}</Link> }));
  const items: MenuItem[] = [
    ...moduleItems,
    ...upcomingModules.map(
      (module): MenuItem => ({
        key: module.key,
        icon: module.icon,
        disabled: true,
        label: (
          <span>
            {t(`nav.${module.key}`)}{" "}
            <Tag variant="filled" style={{ marginInlineStart: 4 }}>
              {t("nav.comingSoon")}
            </Tag>
          </span>
        ),
      }),
    ),
  ];
  if (isAdmin) {
    items.push({
      type: "group",
      key: "admin",
      label: t("nav.admin"),
      children: adminRoutes.map((route) => ({
        key: route.path,
        icon: route.icon,
        label: <Link to={route.path}>{t(`nav.${route.key}`)}</Link>,
      })),
    });
  }

  const selected = [...adminRoutes, ...moduleRoutes]
    .map((route) => route.path)
    .find((path) => pathname === path || pathname.startsWith(`${path}/`));

  // On a short laptop screen the admin entries sit below the sidebar's fold: bring the open
  // page's entry into view, so the user sees where they are.
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!selected) return;
    wrapper.current?.querySelector(".ant-menu-item-selected")?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  return (
    <div ref={wrapper}>
      <Menu
        mode="inline"
        items={items}
        selectedKeys={selected ? [selected] : []}
        onClick={onNavigate}
        style={{ borderInlineEnd: "none" }}
      />
    </div>
  );
}
