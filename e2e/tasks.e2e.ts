import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, type RunningRapport, startRapport } from "./server.ts";

let rapport: RunningRapport;
let browser: Browser;
let page: Page;

const admin = { email: "katherine@example.com", password: "a long passphrase" };

beforeAll(async () => {
  rapport = await startRapport();
  const setup = await fetch(`${rapport.url}/api/v1/setup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      organizationName: "Johnson Orbits",
      locale: "en",
      baseCurrency: "CNY",
      timeZone: "Asia/Shanghai",
      adminName: "Katherine Johnson",
      adminEmail: admin.email,
      adminPassword: admin.password,
    }),
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status}`);
  browser = await launchBrowser();
  page = await newPage(browser, rapport.url);
});
afterAll(async () => {
  await browser?.close();
  await rapport?.stop();
});

/** Creates a task through the API as the admin, as an integration would: a reminder a few seconds ahead. */
async function createTaskWithReminder(title: string, inMs: number): Promise<void> {
  const login = await fetch(`${rapport.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(admin),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const res = await fetch(`${rapport.url}/api/v1/tasks`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
    body: JSON.stringify({
      title,
      dueAt: new Date(Date.now() + 3_600_000).toISOString(),
      remindAt: new Date(Date.now() + inMs).toISOString(),
    }),
  });
  if (res.status !== 201) throw new Error(`task not created: ${res.status} ${await res.text()}`);
}

const bellCount = async () => Number(await page.getByTestId("notification-bell").getAttribute("data-unread"));

describe("my tasks and the notification bell", () => {
  it("creates a task in the form and completes it with the checkbox", async () => {
    await page.goto("/login");
    await page.getByTestId("lang-switch").getByText("English").click();
    await page.getByTestId("login-email").fill(admin.email);
    await page.getByTestId("login-password").fill(admin.password);
    await page.getByTestId("login-submit").click();
    await page.waitForURL(/\/customers$/);
    await page.getByRole("menuitem", { name: "My tasks" }).click();
    await page.waitForURL(/\/tasks$/);
    await page.getByRole("tab", { name: "All" }).click();
    await page.getByTestId("task-new").click();
    await page.getByTestId("task-title").fill("Check the trajectory");
    await page.getByTestId("task-save").click();
    const row = page.getByRole("listitem").filter({ hasText: "Check the trajectory" });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    // The box follows the saved task: it turns checked once the server has it.
    await row.getByTestId("task-complete").click();
    await expect.poll(() => row.getByRole("checkbox").isChecked(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => row.getByRole("checkbox").isEnabled(), { timeout: 10_000 }).toBe(true);
  });

  it("shows a reminder in the bell when it is due, and opens its task from there", async () => {
    expect(await bellCount()).toBe(0);
    await createTaskWithReminder("Call Mission Control", 3000);
    // The bell polls every 30 s and on focus; a reload asks at once.
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId("notification-bell").waitFor();
          return bellCount();
        },
        { timeout: 30_000, interval: 2000 },
      )
      .toBe(1);
    await page.getByTestId("notification-bell").click();
    const item = page.getByTestId("notification-item").filter({ hasText: "Reminder: Call Mission Control" });
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    await item.click();
    await page.waitForURL(/\/tasks\?tab=all&task=[0-9a-f-]{36}$/);
    await expect
      .poll(() => page.getByTestId("task-title").inputValue(), { timeout: 10_000 })
      .toBe("Call Mission Control");
    await expect.poll(() => bellCount(), { timeout: 10_000 }).toBe(0);
  });

  it("fits a phone screen", async () => {
    const phone = await newPage(browser, rapport.url, { width: 375, height: 740 });
    await phone.goto("/login");
    await phone.getByTestId("login-email").fill(admin.email);
    await phone.getByTestId("login-password").fill(admin.password);
    await phone.getByTestId("login-submit").click();
    await phone.waitForURL(/\/customers$/);
    await phone.goto("/tasks?tab=all");
    await phone.getByTestId("task-list").waitFor();
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await phone.close();
  });
});
