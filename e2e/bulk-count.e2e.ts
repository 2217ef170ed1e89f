import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, launchBrowser, newPage, type RunningRapport, setUpOrganization, startRapport } from "./server.ts";

let rapport: RunningRapport;
let browser: Browser;
let page: Page;
let api: <T>(method: string, path: string, body?: unknown) => Promise<T>;

const admin = { email: "ada@example.com", password: "a long passphrase" };
/** More than one page of the list (50 rows): the bar's number must come from the server. */
const HARBOR = 60;

type Page50 = { data: { id: string }[]; nextCursor: string | null };

/** Ticks the list's "select this page" box, then asks for every record that matches the filter. */
async function selectAllMatching() {
  await page.locator("thead .ant-table-selection-column input").check();
  await page.getByTestId("bulk-all-matching").click();
}

const barText = () => page.getByTestId("bulk-count").textContent();
const rowBoxes = () => page.locator("tbody tr.ant-table-row .ant-table-selection-column input");
const headerBox = () => page.locator("thead .ant-table-selection-column input");
const dialogTitle = () => page.locator(".ant-modal-title:visible").textContent();

beforeAll(async () => {
  rapport = await startRapport();
  browser = await launchBrowser();
  page = await newPage(browser, rapport.url);
  await setUpOrganization(page, { organization: "Harbor Trading", admin: "Ada", ...admin, language: "English" });
  api = await apiAs(rapport.url, admin);
  for (let i = 0; i < HARBOR; i++) await api("POST", "/api/v1/customers", { name: `Harbor Freight ${i}` });
  for (let i = 0; i < 3; i++) await api("POST", "/api/v1/customers", { name: `Dock Supply ${i}` });
});
afterAll(async () => {
  await browser?.close();
  await rapport?.stop();
});

describe("selecting all that match says how many", () => {
  it("names the number in the bar and in the delete dialog, then deletes that many", async () => {
    await page.goto("/customers?q=harbor");
    await page.locator("tbody tr.ant-table-row").first().waitFor();
    await selectAllMatching();
    await expect.poll(barText).toBe(`All ${HARBOR} customers that match are selected`);
    // Every row on screen shows ticked, and the page's box is fully ticked (not "some").
    await expect
      .poll(() => rowBoxes().evaluateAll((boxes) => boxes.every((b) => (b as HTMLInputElement).checked)))
      .toBe(true);
    expect(await rowBoxes().count()).toBe(50);
    expect(await headerBox().isChecked()).toBe(true);
    expect(await page.locator("thead .ant-checkbox-indeterminate").count()).toBe(0);
    await page.getByTestId("bulk-delete").click();
    await expect.poll(dialogTitle).toBe(`Delete ${HARBOR} customers?`);
    await page.getByTestId("bulk-delete-confirm").click();
    await page.getByText(`Done: ${HARBOR} records`).waitFor({ timeout: 60_000 });
    const left: Page50 = await api("GET", "/api/v1/customers?q=harbor&limit=100");
    expect(left.data).toHaveLength(0);
  });

  it("says it in Chinese on a phone-sized screen, and the transfer dialog names the number", async () => {
    await page.getByTestId("lang-switch").getByText("简体中文").click();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/customers?q=dock");
    await page.locator("tbody tr.ant-table-row").first().waitFor();
    await selectAllMatching();
    await expect.poll(barText).toBe("已选择全部匹配的 3 个客户");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.getByTestId("bulk-delete").click();
    await expect.poll(dialogTitle).toBe("删除 3 个客户？");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator(".ant-modal:visible").count()).toBe(0);
    await page.getByTestId("bulk-transfer").click();
    await page.locator(".ant-modal:visible").getByText("3 个客户").waitFor();
  });
});

describe("the rows of all that match", () => {
  it("unticking one leaves all that match for the rows still ticked, and says so", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/customers?q=dock");
    await page.getByTestId("lang-switch").getByText("English").click();
    await page.locator("tbody tr.ant-table-row").first().waitFor();
    await page.locator("tbody tr.ant-table-row .ant-table-selection-column input").first().check();
    await page.getByTestId("bulk-all-matching").click();
    await expect.poll(barText).toBe("All 3 customers that match are selected");
    await expect
      .poll(() => rowBoxes().evaluateAll((boxes) => boxes.filter((b) => (b as HTMLInputElement).checked).length))
      .toBe(3);
    await rowBoxes().nth(1).uncheck();
    await expect.poll(barText).toBe("2 selected");
    await page.getByText("No longer all that match: only the 2 ticked rows are selected.").waitFor();
    expect(await rowBoxes().nth(1).isChecked()).toBe(false);
    expect(await rowBoxes().nth(0).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Clear selection" }).click();
  });

  it("has one select-page box in the tab order: antd's hidden measuring copy is inert", async () => {
    const copies = page.locator("tbody .ant-table-measure-row input");
    await expect.poll(() => copies.count()).toBe(1);
    expect(await copies.evaluate((input) => input.closest("[inert]") !== null)).toBe(true);
    expect(await headerBox().evaluate((input) => input.closest("[inert]") === null)).toBe(true);
  });
});

describe("trashing and restoring a customer", () => {
  it("shows both on the customer's timeline without a reload", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/customers?q=dock");
    await page.getByTestId("lang-switch").getByText("English").click();
    const open = () =>
      page
        .getByRole("row", { name: /Dock Supply 0/ })
        .getByRole("link", { name: "Dock Supply 0" })
        .click();
    await open();
    const entries = page.getByTestId("timeline-entry");
    // The timeline is on screen (and cached) before the customer goes to the trash and comes back.
    await entries.filter({ hasText: "created this record" }).waitFor();
    await page.getByTestId("customer-delete").click();
    await page.getByTestId("customer-delete-confirm").click();
    await page.waitForURL(/\/customers(\?.*)?$/);
    await page.getByTestId("customer-trash-toggle").click();
    const trashed = page.getByRole("row", { name: /Dock Supply 0/ });
    await trashed.getByRole("button", { name: "Restore" }).click();
    await expect.poll(() => trashed.count(), { timeout: 10_000 }).toBe(0);
    await page.getByTestId("customer-trash-toggle").click();
    await open();
    await expect.poll(() => entries.first().textContent(), { timeout: 10_000 }).toContain("restored it");
    expect(await entries.filter({ hasText: "moved it to the trash" }).count()).toBe(1);
  });
});
