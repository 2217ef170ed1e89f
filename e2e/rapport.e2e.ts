import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, type RunningRapport, signIn, startRapport } from "./server.ts";

let rapport: RunningRapport;
let browser: Browser;
let page: Page;

const admin = { email: "ada@example.com", password: "a long passphrase" };

beforeAll(async () => {
  rapport = await startRapport();
  browser = await launchBrowser();
  page = await newPage(browser, rapport.url);
});
afterAll(async () => {
  await browser?.close();
  await rapport?.stop();
});

describe("a new Rapport, in the browser", () => {
  it("opens the setup page on an empty database and sets up the organization", async () => {
    await page.goto("/");
    await page.waitForURL(/\/setup$/);
    await page.getByTestId("setup-org-name").fill("Ada's Agency");
    await page.getByTestId("setup-admin-name").fill("Ada Lovelace");
    await page.getByTestId("setup-admin-email").fill(admin.email);
    await page.getByTestId("setup-admin-password").fill(admin.password);
    await page.getByTestId("setup-submit").click();
    await page.waitForURL(/\/customers$/);
    await expect.poll(() => page.getByTestId("org-name").textContent()).toContain("Ada's Agency");
  });

  it("signs out and signs in again", async () => {
    await page.getByTestId("user-menu").click();
    await page.getByRole("menuitem", { name: /sign out|退出/i }).click();
    await page.waitForURL(/\/login$/);
    await page.getByTestId("login-email").fill(admin.email);
    await page.getByTestId("login-password").fill("wrong password");
    await page.getByTestId("login-submit").click();
    await expect.poll(() => page.getByRole("alert").count()).toBeGreaterThan(0);
    await page.getByTestId("login-password").fill(admin.password);
    await page.getByTestId("login-submit").click();
    await page.waitForURL(/\/customers$/);
  });

  it("creates a customer and finds it in the list", async () => {
    await page.getByTestId("customer-new").click();
    await page.getByTestId("customer-name").fill("Babbage Engines 巴贝奇");
    await page.getByLabel(/^email$|邮箱/i).fill("info@babbage.example");
    await page.getByTestId("customer-save").click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByText("info@babbage.example").count()).toBeGreaterThan(0);

    await page.goto("/customers");
    await page.getByTestId("customer-search").fill("babbage");
    const row = page.getByRole("row", { name: /Babbage Engines 巴贝奇/ });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId("customer-search").fill("no such customer");
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
  });

  it("switches the language and remembers it", async () => {
    await page.goto("/customers");
    await page.getByTestId("lang-switch").getByText("English").click();
    await expect.poll(() => page.getByRole("menuitem", { name: "Customers" }).count()).toBeGreaterThan(0);
    await page.getByTestId("lang-switch").getByText("简体中文").click();
    await expect.poll(() => page.getByRole("menuitem", { name: "客户" }).count()).toBeGreaterThan(0);
    await page.reload();
    await expect.poll(() => page.getByRole("menuitem", { name: "客户" }).count()).toBeGreaterThan(0);
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
  });

  it("works on a phone-sized screen", async () => {
    const phone = await newPage(browser, rapport.url, { width: 375, height: 740 });
    await signIn(phone, admin);
    await phone.getByTestId("nav-menu-button").click();
    await expect.poll(() => phone.getByRole("menuitem").count()).toBeGreaterThan(0);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await phone.context().close();
  });

  it("animates drawers only for a user who has not asked their system for less motion", async () => {
    /** Whether opening and closing the new-customer drawer put an animation class on anything. */
    const animates = async (reducedMotion: "reduce" | "no-preference") => {
      const context = await browser.newContext({ baseURL: rapport.url, locale: "en-US", reducedMotion });
      try {
        const other = await context.newPage();
        await signIn(other, admin);
        await other.evaluate(() => {
          const seen = window as unknown as { animated: boolean };
          seen.animated = false;
          new MutationObserver((changes) => {
            for (const change of changes) {
              const classes = (change.target as Element).getAttribute?.("class") ?? "";
              if (/-(appear|enter|leave)(-|\s|$)/.test(classes)) seen.animated = true;
            }
          }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["class"] });
        });
        await other.getByTestId("customer-new").click();
        await other.getByTestId("customer-name").waitFor();
        await other.keyboard.press("Escape");
        await expect.poll(() => other.locator(".ant-drawer-open").count()).toBe(0);
        return await other.evaluate(() => (window as unknown as { animated: boolean }).animated);
      } finally {
        await context.close();
      }
    };
    expect(await animates("no-preference")).toBe(true);
    expect(await animates("reduce")).toBe(false);
  });
});
