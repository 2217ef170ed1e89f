import { BellOutlined } from "@ant-design/icons";
import { Badge, Button, Empty, Flex, Popover, Spin, Typography, theme } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useFormat } from "../../lib/useFormat";
import { type Notification, useMarkAllRead, useMarkRead, useNotifications, useUnreadCount } from "./api";
import { kindLinkPath, notificationDetail, notificationTitle } from "./kinds";

/** Where a notification's link opens. */
function linkPath(link: Notification["link"]): string | undefined {
  if (!link) return undefined;
  if (link.type === "task") return `/tasks?tab=all&task=${link.id}`;
  if (link.type === "customer") return `/customers/${link.id}`;
  return kindLinkPath(link);
}

/** The bell in the header: unread count, and the latest notifications in a dropdown. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const count = useUnreadCount().data?.count ?? 0;
  // The popover wraps the button itself: it needs a child that takes its click handler and ref.
  return (
    <Badge count={count} size="small" offset={[-4, 4]}>
      <Popover
        open={open}
        onOpenChange={setOpen}
        trigger="click"
        // "bottom" slides along the screen's edge where "bottomRight" would flip off it: on a phone
        // the bell sits mid-header.
        placement="bottom"
        arrow={false}
        // Mounted only while open, so each opening fetches the latest list.
        destroyOnHidden
        content={<NotificationList onNavigate={() => setOpen(false)} />}
      >
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t("notifications.bell", { count })}
          data-testid="notification-bell"
          data-unread={count}
        />
      </Popover>
    </Badge>
  );
}

function NotificationList({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const { token } = theme.useToken();
  const list = useNotifications(true);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  // Nothing unread, nothing to mark: by the bell's count or the list just fetched, whichever is newer.
  const count = useUnreadCount().data?.count ?? 0;
  const anyUnread = count > 0 || (list.data?.data.some((n) => !n.readAt) ?? false);

  const openOne = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    const path = linkPath(n.link);
    onNavigate();
    if (path) navigate(path);
  };

  const title = (n: Notification) => notificationTitle(t, n);
  const detail = (n: Notification) => notificationDetail(t, n, format);

  return (
    <Flex vertical style={{ width: "min(340px, calc(100vw - 32px))" }} data-testid="notification-list">
      <Flex justify="space-between" align="center" style={{ paddingBottom: 8 }}>
        <Typography.Text strong>{t("notifications.title")}</Typography.Text>
        <Button
          size="small"
          type="link"
          disabled={!anyUnread}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
          data-testid="notifications-mark-all"
        >
          {t("notifications.markAllRead")}
        </Button>
      </Flex>
      {list.isPending ? (
        <Flex justify="center" style={{ padding: 16 }}>
          <Spin aria-label={t("common.loading")} />
        </Flex>
      ) : (list.data?.data.length ?? 0) === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("notifications.empty")} />
      ) : (
        <ul style={{ maxHeight: 400, overflowY: "auto", listStyle: "none", margin: 0, padding: 0 }}>
          {list.data?.data.map((n) => (
            <li key={n.id}>
              <button
                type="button"
                onClick={() => openOne(n)}
                data-testid="notification-item"
                style={{
                  display: "block",
                  width: "100%",
                  textAlign: "start",
                  border: "none",
                  borderBottom: `1px solid ${token.colorBorderSecondary}`,
                  background: n.readAt ? "transparent" : token.colorPrimaryBg,
                  padding: "8px 6px",
                  cursor: "pointer",
                  font: "inherit",
                  color: "inherit",
                }}
              >
                <Typography.Text strong={!n.readAt} style={{ display: "block" }}>
                  {title(n)}
                </Typography.Text>
                {detail(n) && (
                  <Typography.Text style={{ display: "block", fontSize: 13 }} data-testid="notification-detail">
                    {detail(n)}
                  </Typography.Text>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {format.dateTime(n.createdAt)}
                </Typography.Text>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Flex>
  );
}
