import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, launchBrowser, newPage, type RunningRapport, setUpOverApi, signIn, startRapport } from "./server.ts";

// A rep on a phone, in Chinese: the customer's page puts logging a call at the top, and its timeline
// says what happened in words.
let rapport: RunningRapport;
let browser: Browser;
let page: Page;
let api: Awaited<ReturnType<typeof apiAs>>;
let customerId: string;
let chenId: string;
let wangId: string;

const admin = { email: "li.na@example.com", password: "a long passphrase" };
type Created = { id: string; version: number };

beforeAll(async () => {
  rapport = await startRapport();
  await setUpOverApi(rapport.url, {
    organizationName: "合众生物",
    locale: "en",
    baseCurrency: "CNY",
    timeZone: "Asia/Shanghai",
    adminName: "李娜",
    adminEmail: admin.email,
    adminPassword: admin.password,
  });
  api = await apiAs(rapport.url, admin);
  const roles = await api<{ data: { id: string; name: string }[] }>("GET", "/api/v1/roles");
  const wang = await api<Created>("POST", "/api/v1/users", {
    name: "王芳",
    email: "wang.fang@example.com",
    password: "another long passphrase",
    roleIds: [roles.data.find((r) => r.name === "Sales rep")?.id],
  });
  wangId = wang.id;
  // Many custom fields, all empty: on a phone they would push everything else down.
  for (const key of ["region", "channel", "contract_no", "budget_note", "partner", "auditor"]) {
    await api("POST", "/api/v1/custom-fields", {
      objectType: "customer",
      key,
      type: "text",
      label: { en: `Field ${key}`, "zh-CN": `字段 ${key}` },
    });
  }
  await api("POST", "/api/v1/custom-fields", {
    objectType: "customer",
    key: "signed_on",
    type: "date",
    label: { en: "Signed on", "zh-CN": "签约日期" },
  });
  const customer = await api<Created>("POST", "/api/v1/customers", { name: "苏州合众生物医药" });
  customerId = customer.id;
  chenId = (await api<Created>("POST", "/api/v1/contacts", { name: "陈晓明", customerId, isPrimary: true })).id;
  // What the pool does to a customer, as the timeline should tell it.
  await api("POST", `/api/v1/customers/${customerId}/transfer`, { ownerId: wang.id, reason: "负责华东区" });
  await api("POST", `/api/v1/customers/${customerId}/release`, { reason: "预算冻结" });
  await api("POST", `/api/v1/pool/customers/${customerId}/claim`);
  const edited = await api<Created>("GET", `/api/v1/customers/${customerId}`);
  await api("PATCH", `/api/v1/customers/${customerId}`, {
    version: edited.version,
    custom: { signed_on: "2026-03-01" },
  });

  browser = await launchBrowser();
  page = await newPage(browser, rapport.url, { width: 390, height: 844 });
  await signIn(page, admin, "中文");
});
afterAll(async () => {
  await browser?.close();
  await rapport?.stop();
});

const entries = () => page.getByTestId("timeline-entry");
/** A tab of the record's page (its label, then maybe a count); and which one is open. */
const tab = (label: string) => page.getByRole("tab", { name: new RegExp(`^${label}`) });
const openTab = () => page.getByRole("tab", { selected: true }).textContent();

describe("a customer's page on a phone", () => {
  it("offers 写跟进 and 新建任务 and the timeline within the first screen, and folds the empty fields", async () => {
    await page.goto(`/customers/${customerId}`);
    const actions = page.getByTestId("customer-quick-actions");
    const log = actions.getByRole("button", { name: "写跟进" });
    await log.waitFor();
    const box = await log.boundingBox();
    expect(box && box.y + box.height).toBeLessThan(844);
    expect(await actions.getByRole("button", { name: "新建任务" }).count()).toBe(1);

    // The timeline opens first, its latest entry on the first screen: not under the details and the rest.
    expect(await openTab()).toBe("时间线");
    const latest = await entries().first().boundingBox();
    expect(latest?.y).toBeLessThan(844);
    expect(await page.getByTestId("details-empty-toggle").isVisible()).toBe(false);

    // The details are a tab away. Empty custom fields are folded; the one with a value shows, formatted like a date.
    await tab("详细信息").click();
    expect(await page.getByText("字段 region").count()).toBe(0);
    await expect.poll(() => page.getByText("2026年3月1日").count()).toBeGreaterThan(0);
    const toggle = page.getByTestId("details-empty-toggle");
    expect(await toggle.textContent()).toMatch(/显示空字段/);
    await toggle.click();
    await expect.poll(() => page.getByText("字段 region").count()).toBe(1);
    await toggle.click();
    await expect.poll(() => page.getByText("字段 region").count()).toBe(0);
  });

  it("logs a follow-up with a contact from the bar, and the timeline names the contact", async () => {
    // The contacts tab shows the customer's people, with a count (a badge after the title).
    await tab("联系人").click();
    expect(await openTab()).toBe("联系人 1");
    await page.getByTestId("customer-contacts").getByRole("link", { name: "陈晓明" }).waitFor();

    await page.getByTestId("customer-quick-actions").getByRole("button", { name: "写跟进" }).click();
    const form = page.getByTestId("follow-up-form");
    await page.getByTestId("follow-up-content").fill("电话沟通报价");
    await page.getByTestId("follow-up-outcome").fill("下周发合同");
    await form.getByLabel("联系人").click();
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "陈晓明" }).click();
    await page.getByTestId("follow-up-content").click();
    await page.getByTestId("follow-up-save").click();
    await expect.poll(() => page.getByTestId("follow-up-form").count(), { timeout: 10_000 }).toBe(0);
    // The page refreshed (the last follow-up changed) and kept the tab the rep was on.
    await expect.poll(() => page.getByTestId("follow-up-summary").textContent(), { timeout: 10_000 }).toMatch(/\d/);
    expect(await openTab()).toBe("联系人 1");
    await tab("时间线").click();
    const logged = entries().filter({ hasText: "电话沟通报价" });
    await expect.poll(() => logged.count(), { timeout: 10_000 }).toBe(1);
    expect(await logged.getByTestId("timeline-follow-up-contacts").textContent()).toContain("陈晓明");
  });

  it("tells release, claim and transfer apart on the timeline, and has no separate history card", async () => {
    const text = async () => (await entries().allTextContents()).join("\n");
    await expect.poll(text, { timeout: 10_000 }).toContain("转移给 王芳（原因：负责华东区）");
    const all = await text();
    expect(all).toContain("退回公海（原因：预算冻结）");
    expect(all).toContain("从公海领取");
    expect(all).toContain("签约日期");
    expect(all).toContain("2026年3月1日");
    expect(all).not.toContain("原因: —");
    expect(await page.getByText("变更历史", { exact: true }).count()).toBe(0);
  });

  it("says which kind is empty when a filter has nothing, and what happened to a task", async () => {
    await page.getByTestId("timeline-filter").getByText("任务").click();
    await expect.poll(() => page.getByText("还没有任务。").count()).toBe(1);

    const task = await api<Created>("POST", "/api/v1/tasks", {
      title: "寄送样品",
      dueAt: "2026-11-23T10:00:00.000Z",
      relatedType: "customer",
      relatedId: customerId,
    });
    await api("PATCH", `/api/v1/tasks/${task.id}`, { version: task.version, status: "done" });
    await page.reload();
    await page.getByTestId("timeline-filter").getByText("任务").click();
    const entry = entries().filter({ hasText: "寄送样品" });
    await expect.poll(() => entry.textContent(), { timeout: 10_000 }).toContain("新建任务「寄送样品」");
    const shown = await entry.textContent();
    expect(shown).toContain("2026年11月23日 18:00 截止");
    expect(shown).toContain("完成");
  });

  it("moves the primary badge off the former primary contact's page without a reload", async () => {
    await tab("联系人").click();
    await page.getByTestId("customer-contacts").getByRole("link", { name: "陈晓明" }).click();
    await page.waitForURL(new RegExp(`/contacts/${chenId}$`));
    await expect.poll(() => page.getByText("首要联系人", { exact: true }).count()).toBeGreaterThan(0);
    // A contact's page opens on its follow-ups, as a customer's on its timeline.
    expect(await openTab()).toBe("跟进记录");
    await page.goBack();
    await tab("联系人").click();
    await page.getByTestId("customer-contact-add").click();
    await page.getByTestId("contact-name").fill("Linda Zhou 周琳");
    await page.getByTestId("contact-primary").check();
    await page.getByTestId("contact-save").click();
    await expect.poll(() => page.getByTestId("contact-name").count(), { timeout: 10_000 }).toBe(0);
    await page.getByTestId("customer-contacts").getByRole("link", { name: "陈晓明" }).click();
    await page.waitForURL(new RegExp(`/contacts/${chenId}$`));
    // The cached page of 陈晓明 is refreshed: no badge, and the field says 否.
    await expect.poll(() => page.locator(".ant-tag", { hasText: "首要联系人" }).count(), { timeout: 10_000 }).toBe(0);
  });
});

describe("the follow-ups list on a phone", () => {
  it("shows each follow-up's content and outcome under its time and kind", async () => {
    await page.goto("/follow-ups");
    const row = page.getByTestId("follow-up-phone-row").filter({ hasText: "电话沟通报价" });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    const box = await row.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(390);
    expect(await row.textContent()).toContain("下周发合同");
  });
});

describe("a customer's tabs on a phone", () => {
  it("shows all five, with their counts, within the screen in Chinese and in English", async () => {
    const customer = await api<Created>("POST", "/api/v1/customers", { name: "杭州云帆科技" });
    await api("POST", "/api/v1/contacts", { name: "赵磊", customerId: customer.id });
    await api("POST", "/api/v1/contacts", { name: "Emily Zhao 赵敏", customerId: customer.id });
    await api("POST", "/api/v1/tasks", {
      title: "发报价单",
      dueAt: "2026-12-01T02:00:00.000Z",
      relatedType: "customer",
      relatedId: customer.id,
    });
    await api("PUT", `/api/v1/customers/${customer.id}/members/${wangId}`, { access: "read" });

    const languages = [
      { switchTo: null, tabs: ["时间线", "详细信息", "联系人 2", "任务 1", "团队成员 1"] },
      { switchTo: "English", tabs: ["Timeline", "Details", "Contacts 2", "Tasks 1", "Team members 1"] },
    ];
    for (const { switchTo, tabs } of languages) {
      await page.goto(`/customers/${customer.id}`);
      if (switchTo) await page.getByTestId("lang-switch").getByText(switchTo).click();
      const tablist = page.getByTestId("record-sections").getByRole("tab");
      // Once each card's own query has counted what it lists.
      await expect.poll(() => tablist.allTextContents(), { timeout: 10_000 }).toEqual(tabs);
      for (const tab of await tablist.all()) {
        const name = (await tab.textContent()) ?? "";
        const box = await tab.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= 390 && box.y + box.height <= 844, name).toBe(true);
        expect(await tab.isVisible(), name).toBe(true);
      }
      // No "…" menu holding the ones that did not fit.
      expect(await page.locator(".ant-tabs-nav-operations:not(.ant-tabs-nav-operations-hidden)").count()).toBe(0);
      // The last one opens with a tap.
      await tablist.last().click();
      expect(await openTab()).toBe(tabs.at(-1));
    }
  });
});
