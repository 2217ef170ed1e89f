import { EnvironmentOutlined, FileTextOutlined, MailOutlined, PhoneOutlined, TeamOutlined } from "@ant-design/icons";
import type { ReactNode } from "react";
import { isOneOf } from "../../lib/guards";
import { FOLLOW_UP_KINDS, type FollowUpKind } from "./api";

export const followUpKindIcons: Record<FollowUpKind, ReactNode> = {
  call: <PhoneOutlined />,
  meeting: <TeamOutlined />,
  visit: <EnvironmentOutlined />,
  email: <MailOutlined />,
  note: <FileTextOutlined />,
};

export const isFollowUpKind = (value: unknown): value is FollowUpKind => isOneOf(FOLLOW_UP_KINDS, value);
