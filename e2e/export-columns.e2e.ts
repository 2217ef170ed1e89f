import fs from "node:fs";
import type { Browser, Download, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, launchBrowser, newPage, type RunningRapport, setUpOrganization, startRapport } from "./server.ts";

// "Export" gives the list as it is on screen: after the user changes its columns too, custom
// fields included, with Name (which the list always shows) first.
let rapport: RunningRapport;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  rapport = await startRapport();
  browser = await launchBrowser();
  page = await newPage(browser, rapport.url);
  await setUpOrganization(page, {
    organization: "Lovelace Engines",
    admin: "Ada Lovelace",
    email: "ada@example.com",
    language: "English",
  });
  const api = await apiAs(rapport.url, { email: "ada@example.com", password: "a long passphrase" });
  await api("POST", "/api/v1/custom-fields", {
    objectType: "customer",
    key: "contract_no",
    type: "text",
    label: { en: "Contract no", "zh-CN": "合同编号" },
  });
  await api("POST", "/api/v1/customers", {
    name: "Analytical Engines Ltd",
    phone: "010 6552 9988",
    custom: { contract_no: "HT-2026-007" },
  });
});
afterAll(async () => {
  await browser?.close();
  await rapport?.stop();
});

/** The downloaded CSV as rows of cells (none of this test's values hold a comma or a quote). */
async function csvRows(download: Download): Promise<string[][]> {
  const file = await download.path();
  const text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  return text
    .split(/\r?\n/)
    .filter(Boolean)
    .map((line) => line.split(","));
}

const headers = () => page.getByRole("columnheader").allTextContents();

describe("exporting the customer list after changing its columns", () => {
  it("has Name first, then the shown columns in their order, a custom field's among them", async () => {
    await page.goto("/customers");
    await page.getByRole("link", { name: "Analytical Engines Ltd" }).waitFor();

    // Tick a built-in column and a custom-field column: the chooser's choice no longer names Name.
    await page.getByTestId("column-chooser").click();
    const chooser = page.locator(".ant-popover:visible");
    await chooser.getByText("Phone", { exact: true }).click();
    await chooser.getByText("Contract no", { exact: true }).click();
    await page.getByTestId("column-chooser").click();
    await expect.poll(async () => (await headers()).slice(-2)).toEqual(["Phone", "Contract no"]);

    await page.getByTestId("customers-export-file").click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    const [header, ...rows] = await csvRows(download);
    expect(header?.[0]).toBe("Name");
    expect(header?.slice(-2)).toEqual(["Phone", "Contract no"]);
    // As many columns as the table shows (its first header cell is the selection checkbox's).
    expect(header).toHaveLength((await headers()).filter((h) => h.trim() !== "").length);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[0]).toBe("Analytical Engines Ltd");
    expect(rows[0]?.slice(-2)).toEqual(["010 6552 9988", "HT-2026-007"]);
  });

  it("gives the same columns for the rows picked in the list", async () => {
    await page
      .getByRole("row", { name: /Analytical Engines Ltd/ })
      .getByRole("checkbox")
      .check();
    await page.getByTestId("bulk-export").click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      // The list's own export menu (same item names) may still be open from the test before.
      page.getByTestId("bulk-export-csv").click(),
    ]);
    const [header, row] = await csvRows(download);
    expect(header?.[0]).toBe("Name");
    expect(header?.slice(-2)).toEqual(["Phone", "Contract no"]);
    expect(row?.[0]).toBe("Analytical Engines Ltd");
    expect(row?.at(-1)).toBe("HT-2026-007");
  });
});

describe("the exported file's name", () => {
  it("takes the open view's name and the organization's date", async () => {
    const api = await apiAs(rapport.url, { email: "ada@example.com", password: "a long passphrase" });
    const view = await api<{ id: string }>("POST", "/api/v1/saved-views", {
      objectType: "customers",
      name: "Key accounts",
    });
    await page.goto(`/customers?view=${view.id}`);
    await page.getByRole("link", { name: "Analytical Engines Ltd" }).waitFor();
    // Opening the view rewrites the address after the list shows; a menu opened before may close under it.
    await expect.poll(() => page.getByTestId("view-switcher").textContent()).toContain("Key accounts");
    await page.getByTestId("customers-export-file").click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-xlsx").click()]);
    // The organization was set up on the browser's clock, the test machine's: its date is today's here.
    const today = new Date().toLocaleDateString("en-CA");
    expect(download.suggestedFilename()).toBe(`customers-Key accounts-${today}.xlsx`);
  });
});
