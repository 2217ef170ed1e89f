import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, type RunningRapport, setUpOrganization, startRapport } from "./server.ts";

// A tab opened before an upgrade asks for a page whose code the new build no longer has.
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
});
afterAll(async () => {
  await browser?.close();
  await rapport?.stop();
});

describe("a page whose code is gone after an upgrade", () => {
  it("says a new version is out and reloads into it, instead of a blank page", async () => {
    // The custom fields page loads on demand: its file is now missing, as after a rebuild.
    await page.route(/\/assets\/CustomFieldsPage-[^/]+\.js$/, (route) => route.fulfill({ status: 404 }));
    await page.getByRole("menuitem", { name: "Custom fields" }).click();
    const notice = page.getByTestId("new-version");
    await expect.poll(() => notice.textContent()).toContain("A new version is available. Reload the page.");
    // The rest of the app stays usable around it.
    expect(await page.getByTestId("notification-bell").isVisible()).toBe(true);

    await page.unroute(/\/assets\/CustomFieldsPage-[^/]+\.js$/);
    await notice.getByRole("button", { name: "Reload" }).click();
    // A whole reload of the app: more than expect.poll's one second on a busy machine.
    await expect.poll(() => page.getByRole("heading", { name: "Custom fields" }).count(), { timeout: 10_000 }).toBe(1);
    expect(await notice.count()).toBe(0);
  });
});
