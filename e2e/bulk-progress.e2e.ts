import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, launchBrowser, newPage, type RunningRapport, setUpOrganization, startRapport } from "./server.ts";

let rapport: RunningRapport;
let browser: Browser;
let page: Page;
let api: <T>(method: string, path: string, body?: unknown) => Promise<T>;

const admin = { email: "ada@example.com", password: "a long passphrase" };
/** Enough records that the work takes seconds, so the progress shows as a user would see it. */
const MANY = 300;

type Customer = { id: string; tags: string[] };

/** Every live customer, page by page, through the API. */
async function allCustomers(): Promise<Customer[]> {
  const all: Customer[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `/api/v1/customers?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const page: { data: Customer[]; nextCursor: string | null } = await api("GET", query);
    all.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** Picks every row of the list's page, then every record that matches the (empty) filter. */
async function selectAllMatching() {
  await page.locator("thead .ant-table-selection-column input").check();
  await page.getByTestId("bulk-all-matching").click();
}

async function chooseTag(tag: string) {
  await page.getByTestId("bulk-tag").locator("input").fill(tag);
  await page.keyboard.press("Enter");
  // Close the tag list's dropdown (it covers the dialog's buttons) before confirming.
  await page.locator(".ant-modal-title").click();
  await expect.poll(() => page.locator(".ant-select-dropdown:visible").count()).toBe(0);
}

beforeAll(async () => {
  rapport = await startRapport();
  browser = await launchBrowser();
  page = await newPage(browser, rapport.url);
  await setUpOrganization(page, { organization: "Lovelace Engines", admin: "Ada", ...admin, language: "English" });
  api = await apiAs(rapport.url, admin);
  for (let i = 0; i < MANY; i++) await api("POST", "/api/v1/customers", { name: `Engine Works ${i}` });
  await page.reload();
});
afterAll(async () => {
  await browser?.close();
  await rapport?.stop();
});

describe("bulk actions show their progress", () => {
  it("tags every matching customer, counting up to the total while it works", async () => {
    await page.locator("tbody tr.ant-table-row").first().waitFor();
    await selectAllMatching();
    await page.getByTestId("bulk-add-tag").click();
    await chooseTag("fleet");
    await page.getByTestId("bulk-tag-ok").click();
    // The dialog shows the server's count while the records change, then closes when all are done.
    const count = page.getByTestId("bulk-progress-count");
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toMatch(/^\d+ \/ 300 records$/);
    await page.locator(".ant-progress").first().waitFor();
    // While it works the dialog cannot be closed: no close button, Cancel disabled, Escape ignored.
    await page.keyboard.press("Escape");
    const dialog = await page.evaluate(() => {
      const modal = document.querySelector(".ant-modal-wrap:not([style*='display: none']) .ant-modal");
      const cancel = [...(modal?.querySelectorAll("button") ?? [])].find((b) => b.textContent === "Cancel");
      return {
        progress: modal?.querySelector("[data-testid=bulk-progress]") !== null,
        closeButtons: modal?.querySelectorAll(".ant-modal-close").length,
        cancelDisabled: cancel?.disabled,
      };
    });
    expect(dialog).toEqual({ progress: true, closeButtons: 0, cancelDisabled: true });
    await page.getByText("Done: 300 records").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("bulk-progress").count()).toBe(0);
    const tagged = (await allCustomers()).filter((c) => c.tags.includes("fleet"));
    expect(tagged).toHaveLength(MANY);
  });

  it("shows the error and changes nothing when a record fails half way", async () => {
    const rows = page.locator("tbody tr.ant-table-row");
    await page.locator("thead .ant-table-selection-column input").check();
    const picked = await page.getByTestId("bulk-count").textContent();
    const selected = Number(picked?.match(/\d+/)?.[0]);
    expect(selected).toBeGreaterThan(1);
    // Someone else trashes the last picked customer meanwhile: that record fails after the others.
    const lastName =
      (await rows
        .nth(selected - 1)
        .locator("a")
        .first()
        .textContent()) ?? "";
    const list: { data: (Customer & { name: string })[] } = await api(
      "GET",
      `/api/v1/customers?q=${encodeURIComponent(lastName)}`,
    );
    const gone = list.data.find((c) => c.name === lastName);
    await api("DELETE", `/api/v1/customers/${gone?.id}`);
    await page.getByTestId("bulk-remove-tag").click();
    await chooseTag("fleet");
    await page.getByTestId("bulk-tag-ok").click();
    await page.getByText("Not found: it may have been deleted").waitFor({ timeout: 60_000 });
    // The dialog stays open for another try, and every record keeps its tag.
    await page.getByTestId("bulk-tag-ok").waitFor();
    expect((await allCustomers()).filter((c) => c.tags.includes("fleet"))).toHaveLength(MANY - 1);
    // The tag picked is thrown away only after asking.
    await page.locator(".ant-modal-footer").getByRole("button", { name: "Cancel" }).click();
    await page.getByTestId("discard-confirm").click();
  });

  it("shows the progress in Chinese on a phone-sized screen", async () => {
    await page.getByTestId("lang-switch").getByText("简体中文").click();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId("bulk-all-matching").waitFor();
    await page.getByTestId("bulk-all-matching").click();
    await page.getByTestId("bulk-remove-tag").click();
    await chooseTag("fleet");
    await page.getByTestId("bulk-tag-ok").click();
    const count = page.getByTestId("bulk-progress-count");
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toMatch(/^\d+ \/ 299 条$/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.getByText("已完成：299 条").waitFor({ timeout: 60_000 });
    expect((await allCustomers()).filter((c) => c.tags.includes("fleet"))).toHaveLength(0);
  });

  it("moves a page of customers to the trash from the delete dialog", async () => {
    await page.locator("thead .ant-table-selection-column input").check();
    await expect.poll(() => page.getByTestId("bulk-count").textContent()).toBe("已选 50 条");
    await page.getByTestId("bulk-delete").click();
    await page.getByTestId("bulk-delete-confirm").click();
    // Fifty records may be done before the first progress line (a tenth of a second): the progress
    // itself is the 299-record tests' to show; here, the outcome.
    await page.getByText("已完成：50 条").waitFor({ timeout: 60_000 });
    expect(await allCustomers()).toHaveLength(MANY - 1 - 50);
  });
});
