import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, launchBrowser, type RunningRapport, setUpOverApi, signIn, startRapport } from "./server.ts";

// A rep whose browser is in Los Angeles works for an organization in Shanghai: every picker reads and
// writes the office's clock, as the lists show it.
let rapport: RunningRapport;
let browser: Browser;
let page: Page;
let api: Awaited<ReturnType<typeof apiAs>>;

const admin = { email: "ada@example.com", password: "a long passphrase" };
type Task = { id: string; title: string; dueAt: string | null };
type Customer = { id: string; name: string; custom: Record<string, unknown> };

beforeAll(async () => {
  rapport = await startRapport();
  await setUpOverApi(rapport.url, {
    organizationName: "Lovelace Engines",
    locale: "en",
    baseCurrency: "CNY",
    timeZone: "Asia/Shanghai",
    adminName: "Ada Lovelace",
    adminEmail: admin.email,
    adminPassword: admin.password,
  });
  api = await apiAs(rapport.url, admin);
  const label = (en: string, zh: string) => ({ en, "zh-CN": zh });
  await api("POST", "/api/v1/custom-fields", {
    objectType: "customer",
    key: "next_review",
    type: "dateTime",
    label: label("Next review", "下次复盘时间"),
  });
  await api("POST", "/api/v1/custom-fields", {
    objectType: "customer",
    key: "headcount",
    type: "number",
    label: label("Headcount", "员工人数"),
  });
  await api("POST", "/api/v1/custom-fields", {
    objectType: "customer",
    key: "contract_value",
    type: "money",
    currency: "CNY",
    label: label("Contract value", "合同金额"),
  });
  await api("POST", "/api/v1/custom-fields", {
    objectType: "customer",
    key: "billing_email",
    type: "email",
    label: label("Billing email", "账单邮箱"),
  });
  browser = await launchBrowser();
  const context = await browser.newContext({
    baseURL: rapport.url,
    viewport: { width: 1280, height: 800 },
    locale: "en-US",
    timezoneId: "America/Los_Angeles",
    reducedMotion: "reduce", // as newPage's: no animation to wait for
  });
  page = await context.newPage();
  await signIn(page, admin, "English");
});
afterAll(async () => {
  await browser?.close();
  await rapport?.stop();
});

const tasks = async () => (await api<{ data: Task[] }>("GET", "/api/v1/tasks?limit=100")).data;
const customers = async () => (await api<{ data: Customer[] }>("GET", "/api/v1/customers?limit=100")).data;

describe("pickers on the organization's clock", () => {
  it("saves a task due 18:00 as 18:00 in Shanghai, shows it so, and opens it so", async () => {
    await page.goto("/tasks");
    await page.getByRole("tab", { name: "All" }).click();
    await page.getByTestId("task-new").click();
    await page.getByTestId("task-title").fill("Send the engine drawings");
    const due = page.getByLabel("Due", { exact: true });
    await due.click();
    await due.fill("2026-11-23 18:00");
    await due.press("Enter");
    await page.getByTestId("task-save").click();
    const row = page.getByRole("listitem").filter({ hasText: "Send the engine drawings" });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain("6:00 PM");
    const saved = (await tasks()).find((t) => t.title === "Send the engine drawings");
    expect(saved?.dueAt).toBe("2026-11-23T10:00:00.000Z");

    await row.getByTestId("task-title-link").click();
    await expect.poll(() => page.getByLabel("Due", { exact: true }).inputValue()).toBe("2026-11-23 18:00");
  });

  /** Types a review date into a new customer's form, leaves the field, sees it shown so, and saves. */
  async function typeReview(name: string, typed: string, shown: string) {
    await page.goto("/customers");
    await page.getByTestId("customer-new").click();
    await page.getByTestId("customer-name").fill(name);
    const review = page.getByTestId("custom-next_review");
    await review.click();
    await review.fill(typed);
    // Leaving the field, not Enter: the value stays.
    await page.getByTestId("customer-name").click();
    await expect.poll(() => review.inputValue()).toBe(shown);
    await page.getByTestId("customer-save").click();
    return async () => (await customers()).find((c) => c.name === name)?.custom.next_review;
  }

  it("keeps a date and time typed into a custom field, on the same clock and format", async () => {
    const saved = await typeReview("Analytical Engines Ltd", "2026-12-01 10:30", "2026-12-01 10:30");
    await expect.poll(saved, { timeout: 10_000 }).toBe("2026-12-01T02:30:00.000Z");
  });

  it("reads a day typed without a time as 09:00 of that day", async () => {
    const saved = await typeReview("Babbage Calculators Ltd", "2026-12-02", "2026-12-02 09:00");
    await expect.poll(saved, { timeout: 10_000 }).toBe("2026-12-02T01:00:00.000Z");
  });

  it("flags a date and time it cannot read instead of saving without it", async () => {
    await page.goto("/customers");
    await page.getByTestId("customer-new").click();
    await page.getByTestId("customer-name").fill("Difference Engines Ltd");
    const review = page.getByTestId("custom-next_review");
    await review.click();
    await review.fill("2026-12-01 25:99");
    await page.getByTestId("customer-name").click();
    const message = page.getByText("Not a date we can read: type it as YYYY-MM-DD HH:mm");
    await expect.poll(() => message.isVisible()).toBe(true);
    await page.getByTestId("customer-save").click();
    await expect.poll(() => message.isVisible()).toBe(true);
    expect((await customers()).some((c) => c.name === "Difference Engines Ltd")).toBe(false);
  });
});

describe("forms say what is wrong, keep what was typed, and ask before discarding it", () => {
  it("reads 12万 as 120000 and saves it, and refuses 12k instead of saving 12", async () => {
    await page.goto("/customers");
    await page.getByTestId("customer-new").click();
    await page.getByTestId("customer-name").fill("Jacquard Looms");
    const amount = page.getByTestId("custom-contract_value");
    await amount.fill("12万");
    const headcount = page.getByTestId("custom-headcount");
    await headcount.fill("12k");
    await page.getByTestId("customer-name").click();
    await expect.poll(() => amount.inputValue()).toBe("120000.00");
    const message = page.getByText("Enter a number, such as 1200");
    await expect.poll(() => message.isVisible()).toBe(true);
    await page.getByTestId("customer-save").click();
    await expect.poll(() => message.isVisible()).toBe(true);
    expect((await customers()).some((c) => c.name === "Jacquard Looms")).toBe(false);
    await headcount.fill("1.5亿");
    await expect.poll(() => message.count()).toBe(0);
    await page.getByTestId("customer-save").click();
    await expect
      .poll(async () => (await customers()).find((c) => c.name === "Jacquard Looms")?.custom, { timeout: 10_000 })
      .toEqual({ contract_value: "120000.00", headcount: 150000000 });
  });

  it("shows only the app's message for a bad email and says a mistyped number is no number", async () => {
    await page.goto("/customers");
    await page.getByTestId("customer-new").click();
    await page.getByTestId("customer-name").fill("Babbage & Co");
    expect(await page.locator("form#customer").getAttribute("novalidate")).not.toBeNull();
    const headcount = page.getByTestId("custom-headcount");
    await headcount.fill("abc1,200");
    await page.getByTestId("customer-name").click();
    // Kept as typed and flagged, rather than saved as some of its digits.
    await expect.poll(() => page.getByText("Enter a number, such as 1200").isVisible()).toBe(true);
    expect(await headcount.inputValue()).toBe("abc1,200");
    await page.getByTestId("custom-billing_email").fill("bad@");
    await page.getByTestId("customer-save").click();
    await expect.poll(() => page.getByText("Please enter a valid email address.").isVisible()).toBe(true);
    // A form with bad input asks before it is thrown away.
    await page.getByRole("button", { name: "Cancel" }).click();
    const asked = page.locator(".ant-modal-confirm-title", { hasText: "Discard unsaved changes?" });
    await expect.poll(() => asked.isVisible()).toBe(true);
    await page.getByRole("button", { name: "Keep editing" }).click();
    await expect.poll(() => page.getByTestId("customer-name").inputValue()).toBe("Babbage & Co");
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByTestId("discard-confirm").click();
    await expect.poll(() => page.getByTestId("customer-name").count()).toBe(0);
    expect((await customers()).some((c) => c.name === "Babbage & Co")).toBe(false);
  });

  it("closes an untouched form without asking", async () => {
    await page.getByTestId("customer-new").click();
    await page.getByTestId("customer-name").waitFor();
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => page.getByTestId("customer-name").count()).toBe(0);
    expect(await page.locator(".ant-modal-confirm-title").count()).toBe(0);
  });
});
