import { describe, expect, it } from "vitest";
import { translator } from "../../locales/translator";
import type { Notification } from "./api";
import { kindLinkPath, notificationDetail, notificationTitle } from "./kinds";

const notice = (kind: string, params: Notification["params"]): Notification => ({
  id: "0190f1a2-0000-7000-8000-000000000001",
  kind,
  params,
  body: null,
  link: null,
  readAt: null,
  createdAt: "2025-05-01T08:00:00.000Z",
});

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

  it("name the customer to follow up and the day, which stays right when read on a later day", async () => {
    expect(
      notificationTitle(await translator("zh-CN"), notice("followUpDue", { name: "星辰科技", day: "2031-03-14" })),
    ).toBe("2031-03-14 需要跟进：星辰科技");
    expect(notificationTitle(await translator("en"), notice("followUpDue", { name: "Acme", day: "2031-03-14" }))).toBe(
      "Follow-up due 2031-03-14: Acme",
    );
  });
});

describe("a reminder's second line", () => {
  // What useFormat gives, in the organization's time zone (Asia/Shanghai here).
  const formats = (locale: string) => ({
    date: (value: string) =>
      new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "Asia/Shanghai" }).format(new Date(value)),
    dateTime: (value: string) =>
      new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }).format(
        new Date(value),
      ),
  });
  const reminder = (params: Notification["params"]) => notice("taskReminder", { title: "回访", ...params });

  it("says when the task is due and what it is about, in the reader's language", async () => {
    const zh = await translator("zh-CN");
    const dueAt = "2031-03-14T06:30:00.000Z";
    expect(
      notificationDetail(
        zh,
        reminder({ dueAt, allDay: 0, relatedType: "customer", relatedName: "蓝海贸易" }),
        formats("zh-CN"),
      ),
    ).toBe("2031年3月14日 14:30 截止 · 蓝海贸易");
    const en = await translator("en");
    expect(notificationDetail(en, reminder({ dueAt, allDay: 1, relatedName: null }), formats("en"))).toBe(
      "Due Mar 14, 2031",
    );
    expect(notificationDetail(en, reminder({ dueAt: null, allDay: 0, relatedName: "Acme" }), formats("en"))).toBe(
      "Acme",
    );
  });

  it("is left out for a reminder stored before it had one, and for other kinds", async () => {
    const en = await translator("en");
    expect(notificationDetail(en, reminder({}), formats("en"))).toBeNull();
    expect(notificationDetail(en, notice("taskAssigned", { title: "X", by: "Ann" }), formats("en"))).toBeNull();
  });
});

describe("notification links", () => {
  it("open a contact, and a bulk transfer's customers by their new owner", () => {
    const id = "0190f1a2-0000-7000-8000-0000000000aa";
    expect(kindLinkPath({ type: "contact", id })).toBe(`/contacts/${id}`);
    expect(kindLinkPath({ type: "customersOwnedBy", id })).toBe(`/customers?ownerId=${id}`);
  });
});
