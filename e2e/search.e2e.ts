import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, launchBrowser, newPage, type RunningRapport, setUpOrganization, startRapport } from "./server.ts";

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

const hits = () => page.getByTestId("global-search-hit");

describe("global search (Ctrl/Cmd+K), in the browser", () => {
  it("sets up an organization with a customer and a contact", async () => {
    await setUpOrganization(page, {
      organization: "Search Co",
      admin: "Ada Lovelace",
      email: "ada@example.com",
      language: "English",
    });
    await page.getByTestId("customer-new").click();
    await page.getByTestId("customer-name").fill("Analytical Engines Ltd");
    await page.getByTestId("customer-save").click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await page.getByTestId("customer-contact-add").click();
    await page.getByTestId("contact-name").fill("Charles Babbage");
    await page.getByLabel("Phone number").fill("+44 20 7946 0018");
    await page.getByTestId("contact-save").click();
    await expect
      .poll(() => page.getByTestId("customer-contacts").getByRole("link", { name: "Charles Babbage" }).count())
      .toBe(1);
    await page.goto("/customers");
  });

  it("opens with Ctrl+K, finds through a typo as you type, and opens the result with Enter", async () => {
    await page.getByTestId("global-search-button").waitFor();
    await page.keyboard.press("Control+k");
    await page.getByTestId("global-search-input").fill("analitical engins");
    await expect.poll(() => hits().first().textContent(), { timeout: 10_000 }).toContain("Analytical Engines Ltd");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId("global-search-input").count()).toBe(0);
  });

  it("finds a contact by the digits of a phone number and by company", async () => {
    await page.getByTestId("global-search-button").click();
    await page.getByTestId("global-search-input").fill("2079460018");
    await expect.poll(() => hits().first().textContent(), { timeout: 10_000 }).toContain("Charles Babbage");
    await page.getByTestId("global-search-input").fill("analytical");
    await expect.poll(() => hits().count(), { timeout: 10_000 }).toBe(2);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
  });

  it("speaks Chinese and fits a phone", async () => {
    await page.getByTestId("lang-switch").getByText("简体中文").click();
    await page.setViewportSize({ width: 390, height: 800 });
    await page.getByTestId("global-search-button").click();
    await expect.poll(() => page.getByPlaceholder("搜索客户和联系人…").count()).toBe(1);
    await page.getByTestId("global-search-input").fill("没有这个名字");
    await expect.poll(() => page.getByText("没有找到").count(), { timeout: 10_000 }).toBe(1);
    // Typed by sound, as a pinyin input method goes wrong: 章伟 finds 张伟.
    const api = await apiAs(rapport.url, { email: "ada@example.com", password: "a long passphrase" });
    await api("POST", "/api/v1/customers", { name: "张伟贸易有限公司" });
    await page.getByTestId("global-search-input").fill("章伟");
    await expect.poll(() => hits().first().textContent(), { timeout: 10_000 }).toContain("张伟贸易有限公司");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByTestId("global-search-input").count()).toBe(0);
  });
});
