import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiAs,
  launchBrowser,
  newPage,
  type RunningRapport,
  setUpOrganization,
  signIn,
  startRapport,
} from "./server.ts";

let rapport: RunningRapport;
let browser: Browser;
let page: Page;

/** A list's first load on a busy machine takes longer than expect.poll's default second. */
const WAIT = { timeout: 10_000 };
const admin = { email: "ada@example.com", password: "a long passphrase" };
/** More than a page of the list (50 rows) in all, and a few apart to search for. */
const HARBOR = 57;
const DOCK = 5;

const countText = () => page.getByTestId("customer-count").textContent();
const rows = () => page.locator("tbody tr.ant-table-row");
const firstRowName = () => rows().first().locator("td a").first().textContent();
const pageLabel = () => page.getByText(/^Page \d+$/).textContent();

beforeAll(async () => {
  rapport = await startRapport();
  browser = await launchBrowser();
  page = await newPage(browser, rapport.url);
  await setUpOrganization(page, { organization: "Harbor Trading", admin: "Ada", ...admin, language: "English" });
  const api = await apiAs(rapport.url, admin);
  for (let i = 0; i < HARBOR; i++) await api("POST", "/api/v1/customers", { name: `Harbor Freight ${i}` });
  for (let i = 0; i < DOCK; i++) await api("POST", "/api/v1/customers", { name: `Dock Supply ${i}` });
});
afterAll(async () => {
  await browser?.close();
  await rapport?.stop();
});

describe("the customer list's total and page", () => {
  it("shows the total, and the total of what a search finds", async () => {
    await page.goto("/customers");
    await expect.poll(countText, WAIT).toBe(`${HARBOR + DOCK} records`);
    await page.getByTestId("customer-search").fill("dock");
    await expect.poll(countText, WAIT).toBe(`${DOCK} records`);
    await expect.poll(() => rows().count(), WAIT).toBe(DOCK);
    await page.getByTestId("customer-search").fill("");
    await expect.poll(countText, WAIT).toBe(`${HARBOR + DOCK} records`);
  });

  it("counts again after a bulk delete", async () => {
    await page.goto("/customers?q=dock");
    await expect.poll(() => rows().count(), WAIT).toBe(DOCK);
    for (const i of [0, 1]) await page.getByRole("checkbox", { name: new RegExp(`Dock Supply ${i}`) }).check();
    await page.getByTestId("bulk-delete").click();
    await page.getByTestId("bulk-delete-confirm").click();
    await expect.poll(countText, { timeout: 30_000 }).toBe(`${DOCK - 2} records`);
    await expect.poll(() => page.locator(".ant-modal:visible").count(), WAIT).toBe(0);
    await page.getByTestId("customer-trash-toggle").click();
    await expect.poll(countText, WAIT).toBe("2 records");
  });

  it("keeps page 2 in the URL: through a reload, a record's page and back, and previous", async () => {
    const total = HARBOR + DOCK - 2;
    await page.goto("/customers");
    await expect.poll(countText, WAIT).toBe(`${total} records`);
    await expect.poll(() => rows().count(), WAIT).toBe(50);
    const firstOnPage1 = await firstRowName();
    await page.getByTestId("customer-next").click();
    await expect.poll(pageLabel, WAIT).toBe("Page 2");
    await expect.poll(() => rows().count(), WAIT).toBe(total - 50);
    const firstOnPage2 = await firstRowName();
    expect(firstOnPage2).not.toBe(firstOnPage1);
    expect(new URL(page.url()).searchParams.get("page")).toBe("2");

    await page.reload();
    await expect.poll(pageLabel, WAIT).toBe("Page 2");
    await expect.poll(firstRowName, WAIT).toBe(firstOnPage2);
    await expect.poll(countText, WAIT).toBe(`${total} records`);

    // A record's page, then the browser's back: the same page of the list.
    await rows().first().locator("td a").first().click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await page.goBack();
    await expect.poll(pageLabel, WAIT).toBe("Page 2");
    await expect.poll(firstRowName, WAIT).toBe(firstOnPage2);

    await page.getByTestId("customer-prev").click();
    await expect.poll(pageLabel, WAIT).toBe("Page 1");
    await expect.poll(firstRowName, WAIT).toBe(firstOnPage1);
    expect(new URL(page.url()).searchParams.has("cursor")).toBe(false);
    // Each page is a history entry: back is page 2 again.
    await page.goBack();
    await expect.poll(pageLabel, WAIT).toBe("Page 2");
  });

  it("opened from a copied link, shows that page; previous goes to the first; a search starts over", async () => {
    const link = page.url();
    const other = await newPage(browser, rapport.url);
    await signIn(other, admin);
    await other.goto(link);
    await expect.poll(() => other.getByText("Page 2", { exact: true }).count(), WAIT).toBe(1);
    await other.getByTestId("customer-prev").click();
    await expect.poll(() => other.getByText("Page 1", { exact: true }).count(), WAIT).toBe(1);
    await other.close();

    await page.getByTestId("customer-search").fill("harbor");
    await expect.poll(countText, WAIT).toBe(`${HARBOR} records`);
    await expect.poll(pageLabel, WAIT).toBe("Page 1");
    expect(new URL(page.url()).searchParams.has("page")).toBe(false);
  });

  it("says it in Chinese on a phone, without overflowing", async () => {
    await page.getByTestId("lang-switch").getByText("简体中文").click();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/customers");
    await expect.poll(countText, WAIT).toBe(`共 ${HARBOR + DOCK - 2} 条`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
  });
});
