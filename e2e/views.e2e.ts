import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, type RunningRapport, setUpOrganization, startRapport } from "./server.ts";

let rapport: RunningRapport;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  rapport = await startRapport();
  browser = await launchBrowser();
  page = await newPage(browser, rapport.url);
});
afterAll(async () => {
  await browser?.close();
  await rapport?.stop();
});

/** Opens an antd select by its label or test id and picks the option with the given text. */
async function pick(select: ReturnType<Page["getByTestId"]>, option: string) {
  await select.click();
  await page.keyboard.type(option);
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: option }).first().click();
}

const rows = () => page.locator(".ant-table-tbody tr.ant-table-row");

describe("option lists and saved views, in the browser", () => {
  it("sets up an organization", async () => {
    await setUpOrganization(page, {
      organization: "Views Co",
      admin: "Ada Lovelace",
      email: "ada@example.com",
      language: "English",
    });
  });

  it("lets the administrator add a value to a list and archive another", async () => {
    await page.getByRole("menuitem", { name: "Option lists" }).click();
    await page.waitForURL(/\/admin\/option-lists$/);
    await expect.poll(() => page.getByText("Professional services").count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId("option-value-new").click();
    await page.getByTestId("option-label-zh").fill("农业");
    await page.getByTestId("option-label-en").fill("Agriculture");
    await page.getByRole("button", { name: "Save" }).click();
    const agriculture = page.getByRole("row", { name: /Agriculture/ });
    await expect.poll(() => agriculture.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => agriculture.textContent()).toContain("agriculture");

    const media = page.getByRole("row", { name: /Media/ });
    await media.getByRole("button", { name: "Archive" }).click();
    await expect.poll(() => media.textContent(), { timeout: 10_000 }).toContain("Archived");
    await agriculture.getByRole("button", { name: "Move Agriculture up" }).click();
    await expect.poll(() => rows().nth(12).textContent(), { timeout: 10_000 }).toContain("Agriculture");
  });

  it("offers the list's active values in the customer form and shows the label on the customer", async () => {
    await page.getByRole("menuitem", { name: "Customers" }).click();
    for (const [name, industry] of [
      ["Green Acres Farm", "Agriculture"],
      ["Steel Works", "Manufacturing"],
    ] as const) {
      await page.getByTestId("customer-new").click();
      await page.getByTestId("customer-name").fill(name);
      const select = page.locator(".ant-drawer").getByLabel("Industry", { exact: true });
      await select.click();
      await page.keyboard.type("Med");
      await expect.poll(() => page.locator(".ant-select-dropdown:visible").textContent()).not.toContain("Media");
      for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
      await page.keyboard.type(industry);
      await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: industry }).first().click();
      await page.getByTestId("customer-save").click();
      await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.getByText(industry).count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await page.goto("/customers");
    }
  });

  it("saves the filtered list with its columns as a view that a link opens again", async () => {
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(2);
    await pick(page.getByTestId("customer-filter-industry"), "Agriculture");
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);

    await page.getByTestId("column-chooser").click();
    await page.locator(".ant-popover:visible").getByText("Source", { exact: true }).click();
    await expect.poll(() => page.getByRole("columnheader", { name: "Source" }).count()).toBe(1);
    await page.getByTestId("column-chooser").click();

    await page.getByTestId("view-menu").click();
    await page.getByRole("menuitem", { name: "Save as new view…" }).click();
    await page.getByTestId("view-name").fill("Farms 农场");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/[?&]view=[0-9a-f-]{36}/);
    const viewUrl = new URL(page.url());
    const viewId = viewUrl.searchParams.get("view");
    expect(viewUrl.searchParams.get("industry")).toBe("agriculture");

    await pick(page.getByTestId("view-switcher"), "All records");
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(2);
    expect(new URL(page.url()).searchParams.get("view")).toBeNull();

    // A link naming only the view opens it with its filters and columns.
    await page.goto(`/customers?view=${viewId}`);
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => new URL(page.url()).searchParams.get("industry")).toBe("agriculture");
    await expect.poll(() => page.getByRole("columnheader", { name: "Source" }).count()).toBe(1);
    await expect.poll(() => page.getByTestId("view-switcher").textContent()).toContain("Farms 农场");
  });

  it("opens the list with the default view, and shows option labels in Chinese", async () => {
    await page.getByTestId("view-menu").click();
    await page.getByRole("menuitem", { name: "Open the list with this view" }).click();
    await expect.poll(() => page.getByTestId("view-switcher").getByLabel("Default view").count()).toBe(1);
    await page.goto("/customers");
    await expect.poll(() => new URL(page.url()).searchParams.get("view"), { timeout: 10_000 }).not.toBeNull();
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);

    await page.getByTestId("lang-switch").getByText("简体中文").click();
    await expect.poll(() => rows().first().textContent(), { timeout: 10_000 }).toContain("农业");
    await page.getByTestId("view-menu").click();
    await page.getByRole("menuitem", { name: "删除视图" }).click();
    await page.getByRole("button", { name: /^删\s?除$/ }).click();
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(2);
  });
});
