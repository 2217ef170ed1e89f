import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, launchBrowser, newPage, type RunningRapport, setUpOrganization, startRapport } from "./server.ts";

let rapport: RunningRapport;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  rapport = await startRapport();
  browser = await launchBrowser();
  // A phone: the rep logs the call right after making it.
  page = await newPage(browser, rapport.url, { width: 390, height: 844 });
});
afterAll(async () => {
  await browser?.close();
  await rapport?.stop();
});

describe("follow-ups on a contact without a customer, on a phone, in Chinese", () => {
  it("logs a follow-up from the contact's page and sees it listed there and on the follow-ups page", async () => {
    await setUpOrganization(page, {
      organization: "个人客户公司",
      admin: "Grace Hopper",
      email: "grace@example.com",
      language: "简体中文",
    });
    const api = await apiAs(rapport.url, { email: "grace@example.com", password: "a long passphrase" });
    const contact = await api<{ id: string }>("POST", "/api/v1/contacts", { name: "陈静 (个人)" });

    await page.goto(`/contacts/${contact.id}`);
    const card = page.getByTestId("contact-follow-ups");
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain("还没有与该联系人的跟进记录");
    await card.getByTestId("follow-up-log").click();
    const form = card.getByTestId("follow-up-form");
    // No customer to pick: the follow-up is about the contact, already chosen.
    await expect.poll(() => form.textContent()).toContain("陈静 (个人)");
    expect(await form.textContent()).toContain("未关联客户");
    await page.getByTestId("follow-up-content").fill("电话沟通了保险续保");
    await page.getByTestId("follow-up-save").click();
    await expect
      .poll(() => card.getByRole("listitem").first().textContent(), { timeout: 10_000 })
      .toContain("电话沟通了保险续保");

    await page.goto("/follow-ups");
    const row = page.getByRole("row", { name: /电话沟通了保险续保/ });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    // The row names the contact where a customer would be, and leads to their page.
    await row.getByRole("link", { name: "陈静 (个人)" }).click();
    await page.waitForURL(new RegExp(`/contacts/${contact.id}$`));
  });
});
