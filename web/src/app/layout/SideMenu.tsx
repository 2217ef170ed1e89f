import {
  ApartmentOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  ContactsOutlined,
  CustomerServiceOutlined,
  FundOutlined,
  KeyOutlined,
  NotificationOutlined,
  PhoneOutlined,
  SafetyOutlined,
  TeamOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { Menu, type MenuProps, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";

type MenuItem = NonNullable<MenuProps["items"]>[number];

const adminRoutes = [
  { path: "/admin/users", icon: <UserOutlined />, key: "users" },
  { path: "/admin/departments", icon: <ApartmentOutlined />, key: "departments" },
  { path: "/admin/roles", icon: <SafetyOutlined />, key: "roles" },
  { path: "/admin/api-keys", icon: <KeyOutlined />, key: "apiKeys" },
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

  const items: MenuItem[] = [
    {
      key: "/customers",
      icon: <TeamOutlined />,
      label: <Link to="/customers">{t("nav.customers")}</Link>,
    },
    { key: "/contacts", icon: <ContactsOutlined />, label: <Link to="/contacts">{t("nav.contacts")}</Link> },
    { key: "/follow-ups", icon: <PhoneOutlined />, label: <Link to="/follow-ups">{t("nav.followUps")}</Link> },
    { key: "/tasks", icon: <CheckSquareOutlined />, label: <Link to="/tasks">{t("nav.tasks")}</Link> },
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

  const selected = [...adminRoutes.map((route) => route.path), "/customers", "/contacts", "/follow-ups", "/tasks"].find(
    (path) => pathname === path || pathname.startsWith(`${path}/`),
  );

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      onClick={onNavigate}
      style={{ borderInlineEnd: "none" }}
    />
  );
}
