import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, launchBrowser, newPage, type RunningRapport, setUpOverApi, signIn, startRapport } from "./server.ts";

let rapport: RunningRapport;
let browser: Browser;
let page: Page;
let api: Awaited<ReturnType<typeof apiAs>>;

const admin = { email: "bessie@example.com", password: "a long passphrase" };
const HOUR = 3_600_000;
const ZONE = "Asia/Shanghai";

beforeAll(async () => {
  rapport = await startRapport();
  await setUpOverApi(rapport.url, {
    organizationName: "Coleman Air",
    locale: "zh-CN",
    baseCurrency: "CNY",
    timeZone: ZONE,
    adminName: "Bessie Coleman",
    adminEmail: admin.email,
    adminPassword: admin.password,
  });
  api = await apiAs(rapport.url, admin);
  browser = await launchBrowser();
  // A phone-sized screen, in Chinese, for the bell.
  page = await newPage(browser, rapport.url, { width: 390, height: 844 });
  await signIn(page, admin, "简体中文");
});
afterAll(async () => {
  await browser?.close();
  await rapport?.stop();
});

const bellCount = async () => Number(await page.getByTestId("notification-bell").getAttribute("data-unread"));
/** A time as the organization's clock shows it, hours and minutes. */
const clock = (iso: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    new Date(iso),
  );
/** A Shanghai calendar day `offset` days from today, at a Shanghai wall time, as an ISO instant. */
const shanghai = (offset: number, time: string) => {
  const day = new Date(Date.now() + 8 * HOUR + offset * 24 * HOUR).toISOString().slice(0, 10);
  return new Date(`${day}T${time}:00+08:00`).toISOString();
};

describe("a task reminder", () => {
  it("lights the bell within seconds of its time, with no reload, naming the due time and the customer", async () => {
    const customer = await api<{ id: string }>("POST", "/api/v1/customers", { name: "Jenny Aircraft" });
    const dueAt = new Date(Date.now() + 2 * HOUR).toISOString();
    // Far enough ahead for the page to load first, and sooner than the bell's 30 s poll would look.
    const remindAt = new Date(Date.now() + 15_000);
    await api("POST", "/api/v1/tasks", {
      title: "Book the air show",
      dueAt,
      remindAt: remindAt.toISOString(),
      relatedType: "customer",
      relatedId: customer.id,
    });
    await page.goto("/tasks");
    await page.getByTestId("notification-bell").waitFor();
    expect(await bellCount()).toBe(0);
    await expect.poll(bellCount, { timeout: 25_000, interval: 250 }).toBe(1);
    // The runner fires within ~2 s of the time; the bell asks 2.5 s after it. The 30 s poll alone
    // would have come about 15 s late.
    expect(Date.now() - remindAt.getTime()).toBeLessThan(9_000);

    await page.getByTestId("notification-bell").click();
    const item = page.getByTestId("notification-item").filter({ hasText: "任务提醒：Book the air show" });
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    const detail = await item.getByTestId("notification-detail").textContent();
    expect(detail).toContain(`${clock(dueAt)} 截止`);
    expect(detail).toContain("Jenny Aircraft");
    const list = await page.getByTestId("notification-list").boundingBox();
    expect(list && list.x >= 0 && list.x + list.width <= 390).toBe(true);
    await item.click();
    await page.waitForURL(/\/tasks\?tab=all&task=[0-9a-f-]{36}$/);
  });
});

describe("follow-ups due on My tasks", () => {
  it("shows today's first, marked and counted, with the overdue ones a click away, not tomorrow's", async () => {
    const plan = async (name: string, occurredAt: string, nextFollowUpAt: string) => {
      const customer = await api<{ id: string }>("POST", "/api/v1/customers", { name });
      await api("POST", "/api/v1/follow-ups", {
        customerId: customer.id,
        kind: "call",
        content: "Talked about the route",
        occurredAt,
        nextFollowUpAt,
      });
    };
    // Twelve overdue (more than a page of ten), earliest first; one today; one tomorrow.
    for (let i = 0; i < 12; i++) {
      await plan(
        `Late Gliders ${String(i + 1).padStart(2, "0")}`,
        shanghai(i - 15, "10:00"),
        shanghai(i - 14, "10:00"),
      );
    }
    await plan("Today Airways", shanghai(0, "00:00"), shanghai(0, "23:59"));
    await plan("Tomorrow Balloons", new Date().toISOString(), shanghai(1, "10:00"));

    await page.goto("/tasks");
    const card = page.getByTestId("due-follow-ups");
    await expect.poll(() => card.locator(".ant-card-head").textContent(), { timeout: 10_000 }).toBe("待跟进客户");
    const groups = card.getByTestId("due-follow-ups-groups");
    await expect.poll(() => groups.textContent(), { timeout: 10_000 }).toBe("今天 1已逾期 12");
    // Today's, on the first screen, marked as today's and not overdue.
    const rows = card.getByRole("listitem");
    await expect.poll(() => rows.allTextContents(), { timeout: 10_000 }).toHaveLength(1);
    const today = (await rows.first().textContent()) ?? "";
    expect(today).toContain("Today Airways");
    expect(today).toContain("23:59");
    expect(today).toContain("今天");
    expect(today).not.toContain("已逾期");
    const overflow = async () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(1);

    // The overdue ones: ten, then the other two on the next page; tomorrow's in neither.
    await groups.getByText("已逾期 12").click();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(10);
    expect(await rows.first().textContent()).toContain("Late Gliders 01");
    expect(await rows.first().textContent()).toContain("已逾期");
    expect(await card.textContent()).not.toContain("Today Airways");
    expect(await overflow()).toBeLessThanOrEqual(1);
    await card.getByRole("button", { name: /下一页|Next/ }).click();
    await expect.poll(() => rows.allTextContents(), { timeout: 10_000 }).toHaveLength(2);
    expect((await rows.allTextContents()).join()).toContain("Late Gliders 12");
    expect(await card.textContent()).not.toContain("Tomorrow Balloons");

    // The same in English on a desktop screen; a customer opens from its row.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId("lang-switch").getByText("English").click();
    await expect.poll(() => card.locator(".ant-card-head").textContent()).toBe("Follow-ups due");
    await expect.poll(() => groups.textContent()).toBe("Today 1Overdue 12");
    await groups.getByText("Today 1").click();
    await expect.poll(() => rows.first().textContent(), { timeout: 10_000 }).toContain("Today Airways");
    expect(await rows.first().textContent()).toContain("Today");
    expect(await rows.first().textContent()).not.toContain("Overdue");
    await card.getByRole("link", { name: "Today Airways" }).click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId("follow-up-summary").textContent()).toContain("Next follow-up");
  });
});
