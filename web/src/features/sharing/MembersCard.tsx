import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Empty, Flex, List, Popconfirm, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useShowError } from "../../components/useShowError";
import { useUsers } from "../admin/api";
import { useCurrentSession } from "../auth/session";
import { type Access, type SharedObject, useMembers, useSetMember } from "./api";

const ACCESS: Access[] = ["read", "write"];

/**
 * The colleagues a record is shared with (团队成员), read-only or read-write. Whoever may edit the
 * record manages them; everyone who sees it sees who else does.
 */
export function MembersCard({
  object,
  recordId,
  ownerId,
  editable,
}: {
  object: SharedObject;
  recordId: string;
  ownerId: string | null;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const session = useCurrentSession();
  const members = useMembers(object, recordId);
  // A read-only member may not manage the team; the server checks the rest.
  const mine = members.data?.find((m) => m.userId === session.user.id);
  const canManage = editable && mine?.access !== "read";
  const setMember = useSetMember(object, recordId);
  const users = useUsers({ enabled: canManage });
  const [adding, setAdding] = useState<{ userId?: string; access: Access }>({ access: "read" });

  const change = (userId: string, access: Access | null, done?: string) =>
    setMember.mutate(
      { userId, access },
      {
        onSuccess: () => done && message.success(done),
        onError: showError,
      },
    );
  const accessOptions = ACCESS.map((a) => ({ value: a, label: t(`sharing.${a}`) }));
  const taken = new Set([ownerId, ...(members.data ?? []).map((m) => m.userId)]);
  const candidates = (users.data ?? [])
    .filter((u) => u.active && !taken.has(u.id))
    .map((u) => ({ value: u.id, label: u.name }));

  return (
    <Card size="small" title={t("sharing.title")} data-testid="members-card">
      <Flex vertical gap={8}>
        {members.data && members.data.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("sharing.empty")} />
        ) : (
          <List
            size="small"
            loading={members.isPending}
            dataSource={members.data ?? []}
            renderItem={(member) => (
              <List.Item
                data-testid="member"
                actions={
                  canManage
                    ? [
                        <Select<Access>
                          key="access"
                          size="small"
                          value={member.access}
                          options={accessOptions}
                          onChange={(access) => change(member.userId, access)}
                          aria-label={`${member.userName} · ${t("sharing.access")}`}
                        />,
                        <Popconfirm
                          key="remove"
                          title={t("sharing.removeConfirm", { name: member.userName })}
                          okText={t("sharing.remove")}
                          cancelText={t("common.cancel")}
                          onConfirm={() => change(member.userId, null)}
                        >
                          <Button
                            size="small"
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label={t("sharing.remove")}
                          />
                        </Popconfirm>,
                      ]
                    : [t(`sharing.${member.access}`)]
                }
              >
                {member.userName}
              </List.Item>
            )}
          />
        )}
        {canManage && (
          <Flex wrap gap={8}>
            <Select<string>
              showSearch={{ optionFilterProp: "label" }}
              placeholder={t("sharing.user")}
              value={adding.userId}
              onChange={(userId) => setAdding({ ...adding, userId })}
              options={candidates}
              style={{ flex: "1 1 180px" }}
              aria-label={t("sharing.user")}
              data-testid="member-user"
            />
            <Select<Access>
              value={adding.access}
              onChange={(access) => setAdding({ ...adding, access })}
              options={accessOptions}
              style={{ width: 140 }}
              aria-label={t("sharing.access")}
              data-testid="member-access"
            />
            <Button
              icon={<PlusOutlined />}
              disabled={!adding.userId}
              loading={setMember.isPending}
              onClick={() => {
                const user = candidates.find((c) => c.value === adding.userId);
                if (!adding.userId) return;
                change(adding.userId, adding.access, t("sharing.added", { name: user?.label ?? "" }));
                setAdding({ access: "read" });
              }}
              data-testid="member-add"
            >
              {t("sharing.add")}
            </Button>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
