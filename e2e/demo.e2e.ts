import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, launchBrowser, newPage, type RunningRapport, setUpOverApi, signIn, startRapport } from "./server.ts";

let rapport: RunningRapport;
let browser: Browser;
let page: Page;

const admin = { email: "admin@demo.example", password: "a long passphrase" };
const rep = { email: "wang.fang@demo.rapport.local", password: admin.password };

beforeAll(async () => {
  rapport = await startRapport();
  await setUpOverApi(rapport.url, {
    organizationName: "示例公司 Demo Co.",
    locale: "zh-CN",
    baseCurrency: "CNY",
    timeZone: "Asia/Shanghai",
    adminName: "管理员",
    adminEmail: admin.email,
    adminPassword: admin.password,
    loadDemoData: true,
  });
  browser = await launchBrowser();
  // A prospect trying the demo on their phone.
  page = await newPage(browser, rapport.url, { width: 390, height: 844 });
});
afterAll(async () => {
  await browser?.close();
  await rapport?.stop();
});

async function signInAs(user: { email: string; password: string }) {
  await page.context().clearCookies();
  await signIn(page, user, "English");
}

describe("the demo organization, as a prospect sees it", () => {
  it("gives a rep tasks for today and a notice of the task their manager gave them", async () => {
    await signInAs(rep);
    await page.goto("/tasks");
    await expect.poll(() => page.getByTestId("task-title-link").count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const bell = page.getByTestId("notification-bell");
    await expect.poll(async () => Number(await bell.getAttribute("data-unread"))).toBeGreaterThan(0);
    await bell.click();
    await expect
      .poll(() => page.getByTestId("notification-item").filter({ hasText: "李娜" }).count())
      .toBeGreaterThan(0);
    await page.keyboard.press("Escape");
  });

  it("shows a customer with its people and its follow-ups", async () => {
    const api = await apiAs(rapport.url, rep);
    const due = await api<{ data: { id: string; name: string }[] }>("GET", "/api/v1/customers?followUpDue=today");
    const customer = due.data[0];
    if (!customer) throw new Error("the rep has no customer due today");
    await page.goto(`/customers/${customer.id}`);
    // On a phone the timeline opens first; the people are a tab away.
    await expect
      .poll(() => page.locator('[data-testid=timeline-entry][data-kind="followUp"]').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await page.getByRole("tab", { name: /^Contacts/ }).click();
    const contacts = page.getByTestId("customer-contacts");
    await expect.poll(() => contacts.getByRole("link").count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => contacts.getByText("Primary", { exact: true }).count()).toBe(1);
  });

  it("shows the administrator the deliberate near-duplicates, and only those", async () => {
    await signInAs(admin);
    await page.goto("/duplicates");
    const groups = page.getByTestId("duplicate-group");
    // Three pairs, each one group with every key it shares: 星辰 by name and phone.
    await expect.poll(() => groups.count(), { timeout: 15_000 }).toBe(3);
    const xingchen = groups.filter({ hasText: "上海星辰科技有限公司" });
    await expect.poll(() => xingchen.count()).toBe(1);
    expect(await xingchen.getByTestId("duplicate-match").count()).toBe(2);
  });
});
