import { LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useLogout } from "../../features/auth/api";
import { useCurrentSession } from "../../features/auth/session";

export function UserMenu({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useCurrentSession();
  const logout = useLogout();
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        items: [
          { key: "email", label: session.user.email, disabled: true },
          { type: "divider" },
          { key: "signOut", icon: <LogoutOutlined />, label: t("auth.signOut"), danger: true },
        ],
        onClick: ({ key }) => {
          if (key === "signOut") {
            logout.mutate(undefined, { onSettled: () => navigate("/login", { replace: true }) });
          }
        },
      }}
    >
      <Button
        type="text"
        icon={<UserOutlined />}
        loading={logout.isPending}
        aria-label={t("nav.userMenu", { name: session.user.name })}
        data-testid="user-menu"
      >
        {compact ? null : session.user.name}
      </Button>
    </Dropdown>
  );
}
