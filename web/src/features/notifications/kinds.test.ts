import i18next from "i18next";
import { describe, expect, it } from "vitest";
import en from "../../locales/en.json";
import zhCN from "../../locales/zh-CN.json";
import type { Notification } from "./api";
import { kindLinkPath, notificationTitle } from "./kinds";

const notice = (kind: string, params: Notification["params"]): Notification => ({
  id: "0190f1a2-0000-7000-8000-000000000001",
  kind,
  params,
  body: null,
  link: null,
  readAt: null,
  createdAt: "2025-05-01T08:00:00.000Z",
});

async function translator(lng: string) {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { en: { translation: en }, "zh-CN": { translation: zhCN } },
    lng,
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

describe("notification titles", () => {
  it("say who gave the reader what, in zh-CN", async () => {
    const t = await translator("zh-CN");
    expect(notificationTitle(t, notice("taskAssigned", { title: "回访蓝海贸易", by: "王芳" }))).toBe(
      "王芳 给你分配了任务：回访蓝海贸易",
    );
    expect(notificationTitle(t, notice("customersTransferred", { count: 37, by: "王芳", reason: "离职交接" }))).toBe(
      "王芳 将 37 个客户转给了你，原因：离职交接",
    );
    expect(
      notificationTitle(
        t,
        notice("teamMemberAdded", { name: "星辰科技", access: "read", by: "王芳", type: "customer" }),
      ),
    ).toBe("王芳 将你加入了 星辰科技 的团队（只读）");
    expect(notificationTitle(t, notice("taskAssigned", { title: "导入的任务", by: null }))).toBe(
      "系统 给你分配了任务：导入的任务",
    );
  });

  it("say the same in English, and keep the old kinds as they were", async () => {
    const t = await translator("en");
    expect(
      notificationTitle(t, notice("customerTransferred", { name: "Acme", by: "Wang Fang", reason: "Rep on leave" })),
    ).toBe("Wang Fang transferred Acme to you: Rep on leave");
    expect(
      notificationTitle(t, notice("customersTransferred", { count: 37, by: "Wang Fang", reason: "Rep on leave" })),
    ).toBe("Wang Fang transferred 37 customers to you: Rep on leave");
    expect(
      notificationTitle(t, notice("teamMemberAdded", { name: "Li Lei", access: "write", by: "Ann", type: "contact" })),
    ).toBe("Ann added you to the team of Li Lei (read and write)");
    expect(
      notificationTitle(t, notice("teamAccessRaised", { name: "Acme", access: "write", by: "Ann", type: "customer" })),
    ).toBe("Ann gave you read and write access to Acme");
    expect(notificationTitle(t, notice("taskReminder", { title: "Call back" }))).toBe("Reminder: Call back");
    expect(notificationTitle(t, notice("somethingNew", {}))).toBe("Notification");
  });
});

describe("notification links", () => {
  it("open a contact, and a bulk transfer's customers by their new owner", () => {
    const id = "0190f1a2-0000-7000-8000-0000000000aa";
    expect(kindLinkPath({ type: "contact", id })).toBe(`/contacts/${id}`);
    expect(kindLinkPath({ type: "customersOwnedBy", id })).toBe(`/customers?ownerId=${id}`);
  });
});
