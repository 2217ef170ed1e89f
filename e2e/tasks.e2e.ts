import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiAs,
  launchBrowser,
  newPage,
  pickInTheNextMonth,
  pickOption,
  type RunningRapport,
  setUpOverApi,
  shanghaiClock,
  signIn,
  startRapport,
} from "./server.ts";

let rapport: RunningRapport;
let browser: Browser;
let page: Page;

const admin = { email: "katherine@example.com", password: "a long passphrase" };

beforeAll(async () => {
  rapport = await startRapport();
  await setUpOverApi(rapport.url, {
    organizationName: "Johnson Orbits",
    locale: "en",
    baseCurrency: "CNY",
    timeZone: "Asia/Shanghai",
    adminName: "Katherine Johnson",
    adminEmail: admin.email,
    adminPassword: admin.password,
  });
  browser = await launchBrowser();
  page = await newPage(browser, rapport.url);
});
afterAll(async () => {
  await browser?.close();
  await rapport?.stop();
});

/** Creates a task through the API as the admin, as an integration would: a reminder a few seconds ahead. */
async function createTaskWithReminder(title: string, inMs: number): Promise<void> {
  const api = await apiAs(rapport.url, admin);
  await api("POST", "/api/v1/tasks", {
    title,
    dueAt: new Date(Date.now() + 3_600_000).toISOString(),
    remindAt: new Date(Date.now() + inMs).toISOString(),
  });
}

const bellCount = async () => Number(await page.getByTestId("notification-bell").getAttribute("data-unread"));

describe("my tasks and the notification bell", () => {
  it("creates a task in the form and completes it with the checkbox", async () => {
    await signIn(page, admin, "English");
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

  it("adds a task from a contact's page; the customer's timeline names the contact", async () => {
    const api = await apiAs(rapport.url, admin);
    const customer = await api<{ id: string }>("POST", "/api/v1/customers", { name: "Langley Research" });
    const contact = await api<{ id: string }>("POST", "/api/v1/contacts", {
      name: "Dorothy Vaughan",
      customerId: customer.id,
    });
    await page.goto(`/contacts/${contact.id}`);
    const card = page.getByTestId("related-tasks");
    await card.getByTestId("related-task-new").click();
    // The new task starts out about this contact (named with the company once the picker's search answers).
    const drawer = page.locator(".ant-drawer");
    await expect
      .poll(() => drawer.getByText(/^Dorothy Vaughan( · Langley Research)?$/).count(), { timeout: 10_000 })
      .toBe(1);
    await page.getByTestId("task-title").fill("Teach FORTRAN");
    await page.getByTestId("task-save").click();
    const row = card.getByRole("listitem").filter({ hasText: "Teach FORTRAN" });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);

    await page.goto(`/customers/${customer.id}`);
    const entry = page.getByTestId("timeline-entry").filter({ hasText: "Teach FORTRAN" });
    await expect.poll(() => entry.textContent(), { timeout: 10_000 }).toContain("about Dorothy Vaughan");

    // Done from the contact's card, it leaves the open tasks.
    await page.goto(`/contacts/${contact.id}`);
    await row.getByTestId("task-complete").click();
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
    await card.getByText("All", { exact: true }).click();
    await expect.poll(() => row.getByRole("checkbox").isChecked(), { timeout: 10_000 }).toBe(true);
  });

  it("links a task to a contact picked in the form, and opens the contact from My tasks", async () => {
    await page.goto("/tasks?tab=all");
    await page.getByTestId("task-new").click();
    await page.getByTestId("task-title").fill("Book the wind tunnel");
    await pickOption(page.getByTestId("task-related-type"), "Contact");
    const picker = page.locator(".ant-drawer").getByLabel("Contact", { exact: true });
    await pickOption(picker, "Dorothy Vaughan · Langley Research", { search: "Dorothy" });
    await page.getByTestId("task-save").click();
    const row = page.getByRole("listitem").filter({ hasText: "Book the wind tunnel" });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await row.getByRole("link", { name: "Dorothy Vaughan" }).click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    await expect
      .poll(() => page.getByTestId("related-tasks").textContent(), { timeout: 10_000 })
      .toContain("Book the wind tunnel");
  });

  it("assigns a task to a colleague and follows it under Assigned by me", async () => {
    const api = await apiAs(rapport.url, admin);
    const roles = await api<{ data: { id: string; name: string }[] }>("GET", "/api/v1/roles");
    await api("POST", "/api/v1/users", {
      name: "Mary Jackson",
      email: "mary@example.com",
      password: "another long passphrase",
      roleIds: [roles.data.find((r) => r.name === "Sales rep")?.id],
    });
    await page.goto("/tasks");
    await page.getByTestId("task-new").click();
    await page.getByTestId("task-title").fill("Check the heat shield figures");
    await pickOption(page.locator(".ant-drawer").getByLabel("Assignee", { exact: true }), "Mary Jackson", {
      search: "Mary",
    });
    await page.getByTestId("task-save").click();
    await page.getByRole("tab", { name: "Assigned by me" }).click();
    const row = page.getByRole("listitem").filter({ hasText: "Check the heat shield figures" });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain("Mary Jackson");
    await page.getByRole("tab", { name: "All" }).click();
    await expect
      .poll(() => page.getByTestId("task-list").textContent(), { timeout: 10_000 })
      .not.toContain("Check the heat shield figures");
  });

  it("shows whoever asked only that the task is about a customer they cannot see, and lets them edit it", async () => {
    const api = await apiAs(rapport.url, admin);
    const roles = await api<{ data: { id: string; name: string }[] }>("GET", "/api/v1/roles");
    const annie = { email: "annie@example.com", password: "yet another passphrase" };
    const created = await api<{ id: string }>("POST", "/api/v1/users", {
      name: "Annie Easley",
      ...annie,
      roleIds: [roles.data.find((r) => r.name === "Sales rep")?.id],
    });
    const mary = await apiAs(rapport.url, { email: "mary@example.com", password: "another long passphrase" });
    const task = await mary<{ id: string }>("POST", "/api/v1/tasks", { title: "Run the numbers", ownerId: created.id });
    const asAnnie = await apiAs(rapport.url, annie);
    const own = await asAnnie<{ id: string }>("POST", "/api/v1/customers", { name: "Annie's Private Account" });
    await asAnnie("PATCH", `/api/v1/tasks/${task.id}`, { version: 1, relatedType: "customer", relatedId: own.id });

    const asker = await newPage(browser, rapport.url);
    await asker.goto("/login");
    await asker.getByTestId("login-email").fill("mary@example.com");
    await asker.getByTestId("login-password").fill("another long passphrase");
    await asker.getByTestId("login-submit").click();
    await asker.waitForURL(/\/customers$/);
    await asker.goto("/tasks?tab=delegated");
    const row = asker.getByRole("listitem").filter({ hasText: "Run the numbers" });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain("A customer you cannot see");
    expect(await asker.content()).not.toContain("Private Account");
    await row.getByTestId("task-title-link").click();
    await asker.getByTestId("task-title").fill("Run the numbers twice");
    await asker.getByTestId("task-save").click();
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain("Run the numbers twice");
    expect(await row.textContent()).toContain("A customer you cannot see");
    await asker.close();
  });

  it("fits a phone screen", async () => {
    const phone = await newPage(browser, rapport.url, { width: 375, height: 740 });
    await signIn(phone, admin);
    await phone.goto("/tasks?tab=all");
    await phone.getByTestId("task-list").waitFor();
    const width = () => phone.evaluate(() => document.documentElement.scrollWidth);
    expect(await width()).toBeLessThanOrEqual(375);

    // A contact's tasks, in Chinese.
    const api = await apiAs(rapport.url, admin);
    const found = await api<{ data: { id: string }[] }>("GET", "/api/v1/contacts?q=Dorothy");
    await phone.goto(`/contacts/${found.data[0]?.id}`);
    await phone.getByTestId("lang-switch").getByText("简体中文").click();
    // On a phone the contact's page opens on its follow-ups; its tasks are a tab away, counted.
    const tasksTab = phone.getByRole("tab", { name: /^任务/ });
    await expect.poll(() => tasksTab.textContent(), { timeout: 10_000 }).toMatch(/^任务\s*\d+$/);
    await tasksTab.click();
    const card = phone.getByTestId("related-tasks");
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain("未完成");
    expect(await card.textContent()).toContain("Book the wind tunnel");
    expect(await width()).toBeLessThanOrEqual(375);
    await phone.close();
  });
});

describe("a task's times, picked as days", () => {
  for (const [language, tooLate] of [
    ["English", "Must be before the due time"],
    ["简体中文", "必须早于截止时间"],
  ] as const) {
    it(`gives the due time and the reminder 09:00, and says before sending that the reminder is too late (${language})`, async () => {
      const page = await newPage(browser, rapport.url);
      await signIn(page, admin, language);
      await page.goto("/tasks?tab=all");
      await page.getByTestId("task-new").click();
      const drawer = page.locator(".ant-drawer-open");
      const title = `Prepare the launch review ${language}`;
      await drawer.getByTestId("task-title").fill(title);
      const due = drawer.locator("#task_dueAt");
      await pickInTheNextMonth(page, due, 28);
      await expect.poll(() => due.inputValue()).toMatch(/^\d{4}-\d{2}-28 09:00$/);
      const remind = drawer.locator("#task_remindAt");
      await pickInTheNextMonth(page, remind, 28);
      await expect.poll(() => remind.inputValue()).toMatch(/^\d{4}-\d{2}-28 09:00$/);

      // At the due time is not before it: the form says so in words, and sends nothing.
      const posted: string[] = [];
      const onRequest = (request: { method(): string; url(): string }) => {
        if (request.method() === "POST" && request.url().includes("/api/v1/tasks")) posted.push(request.url());
      };
      page.on("request", onRequest);
      await drawer.getByTestId("task-save").click();
      const error = drawer.locator(".ant-form-item-explain-error", { hasText: tooLate });
      await expect.poll(() => error.count(), { timeout: 10_000 }).toBe(1);
      expect(await drawer.textContent()).not.toContain("dueAt");
      page.off("request", onRequest);
      expect(posted).toEqual([]);

      // A reminder on the 27th saves, and the task is due at 09:00 on the office's clock.
      await remind.click();
      await remind.fill((await remind.inputValue()).replace("-28 ", "-27 "));
      await page.keyboard.press("Enter");
      await expect.poll(() => error.count()).toBe(0);
      await drawer.getByTestId("task-save").click();
      await expect.poll(() => drawer.count(), { timeout: 10_000 }).toBe(0);
      const api = await apiAs(rapport.url, admin);
      const found = await api<{ data: { title: string; dueAt: string; remindAt: string }[] }>(
        "GET",
        `/api/v1/tasks?q=${encodeURIComponent(title)}`,
      );
      expect(found.data).toHaveLength(1);
      expect(shanghaiClock(found.data[0]?.dueAt ?? "")).toBe("09:00");
      expect(shanghaiClock(found.data[0]?.remindAt ?? "")).toBe("09:00");
      await page.close();
    });
  }
});
