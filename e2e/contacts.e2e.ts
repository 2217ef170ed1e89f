import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiAs,
  launchBrowser,
  newPage,
  pickOption,
  type RunningRapport,
  setUpOrganization,
  startRapport,
} from "./server.ts";

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

/** Opens the contact made in the second test, from the contacts list. */
async function openHoward() {
  await page.goto("/contacts");
  await page
    .getByRole("row", { name: /Howard Aiken 艾肯/ })
    .getByRole("link", { name: "Howard Aiken 艾肯" })
    .click();
  await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
}

describe("contacts, in the browser", () => {
  it("sets up an organization with a customer", async () => {
    await setUpOrganization(page, {
      organization: "Contact Co",
      admin: "Grace Hopper",
      email: "grace@example.com",
      language: "English",
    });
    await page.getByTestId("customer-new").click();
    await page.getByTestId("customer-name").fill("Harvard Mark I 哈佛");
    await page.getByTestId("customer-save").click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
  });

  it("adds a contact from the customer's page, with a phone and WeChat", async () => {
    const card = page.getByTestId("customer-contacts");
    await expect.poll(() => card.getByText("No contacts at this customer yet.").count()).toBe(1);
    await page.getByTestId("customer-contact-add").click();
    await page.getByTestId("contact-name").fill("Howard Aiken 艾肯");
    await page.getByLabel("Job title").fill("Designer");
    await page.getByLabel("Phone number").fill("+1 617 555 0100");
    await page.getByRole("button", { name: "Add IM account" }).click();
    await page.getByLabel("IM account").fill("aiken_wx");
    await page.getByTestId("contact-primary").check();
    await page.getByTestId("contact-save").click();
    await expect.poll(() => card.getByRole("link", { name: "Howard Aiken 艾肯" }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => card.getByText("Primary").count()).toBe(1);
  });

  it("finds the contact in the contacts list, by company, and opens its page", async () => {
    await page.getByRole("menuitem", { name: "Contacts" }).click();
    await page.waitForURL(/\/contacts$/);
    await page.getByTestId("contact-search").fill("harvard");
    const row = page.getByRole("row", { name: /Howard Aiken 艾肯/ });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId("contact-search").fill("no such person");
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
    await page.getByTestId("contact-search").fill("");
    await row.getByRole("link", { name: "Howard Aiken 艾肯" }).click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByText("+1 617 555 0100").count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole("link", { name: "Harvard Mark I 哈佛" }).count()).toBe(1);
  });

  it("imports a vCard file from the list and shows what became of each card", async () => {
    await page.goto("/contacts");
    await page.getByTestId("contact-import").click();
    const chooser = page.waitForEvent("filechooser");
    await page.getByTestId("contact-import-file").click();
    await (await chooser).setFiles({
      name: "people.vcf",
      mimeType: "text/vcard",
      buffer: Buffer.from("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Hopper;Grace;;;\r\nFN:Grace Hopper\r\nEND:VCARD\r\n"),
    });
    await page.getByTestId("contact-import-submit").click();
    await expect
      .poll(() => page.getByTestId("contact-import-summary").textContent(), { timeout: 10_000 })
      .toContain("Created: 1");
    await page.getByRole("button", { name: "Done" }).click();
    await expect.poll(() => page.getByRole("row", { name: /Grace Hopper/ }).count(), { timeout: 10_000 }).toBe(1);
  });

  it("shares the contact with a colleague from its page", async () => {
    const api = await apiAs(rapport.url, { email: "grace@example.com", password: "a long passphrase" });
    const roles = await api<{ data: { id: string; name: string }[] }>("GET", "/api/v1/roles");
    await api("POST", "/api/v1/users", {
      name: "Jean Sammet",
      email: "jean@example.com",
      password: "another long passphrase",
      roleIds: [roles.data.find((r) => r.name === "Sales rep")?.id],
    });
    await openHoward();
    const members = page.getByTestId("members-card");
    await pickOption(members.getByTestId("member-user"), "Jean Sammet");
    await members.getByTestId("member-add").click();
    await expect.poll(() => members.getByTestId("member").textContent(), { timeout: 10_000 }).toContain("Jean Sammet");
    // The contact's history says who joined, in the language of the page.
    const history = page.locator(".ant-card").filter({ has: page.getByText("History", { exact: true }) });
    await expect
      .poll(() => history.textContent(), { timeout: 10_000 })
      .toMatch(/Team member.*Jean Sammet \(read only\)/);
    await page.getByRole("menuitem", { name: "Contacts" }).click();
    await page.waitForURL(/\/contacts$/);
  });

  it("logs a follow-up from the contact's page, with the contact ticked, and lists it there", async () => {
    await openHoward();
    const card = page.getByTestId("contact-follow-ups");
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain("No follow-ups with this contact yet");
    await card.getByTestId("follow-up-log").click();
    // The contact is already among the people it involved.
    await expect.poll(() => card.getByTestId("follow-up-form").textContent()).toContain("Howard Aiken 艾肯");
    await page.getByTestId("follow-up-content").fill("Walked through the relay design");
    await page.getByTestId("follow-up-save").click();
    await expect
      .poll(() => card.getByRole("listitem").first().textContent(), { timeout: 10_000 })
      .toContain("Walked through the relay design");
    expect(await card.getByRole("listitem").first().textContent()).toContain("Harvard Mark I 哈佛");
    await page.getByRole("menuitem", { name: "Contacts" }).click();
    await page.waitForURL(/\/contacts$/);
  });

  it("moves a contact to the trash from its page and restores it from the trash list", async () => {
    await page
      .getByRole("row", { name: /Grace Hopper/ })
      .getByRole("link", { name: "Grace Hopper" })
      .click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    await page.getByTestId("contact-delete").click();
    await page.getByTestId("contact-delete-confirm").click();
    await page.waitForURL(/\/contacts$/);
    await expect.poll(() => page.getByRole("row", { name: /Grace Hopper/ }).count(), { timeout: 10_000 }).toBe(0);
    await page.getByTestId("contact-trash-toggle").click();
    const trashed = page.getByRole("row", { name: /Grace Hopper/ });
    await expect.poll(() => trashed.count(), { timeout: 10_000 }).toBe(1);
    await trashed.getByRole("button", { name: "Restore" }).click();
    await expect.poll(() => trashed.count(), { timeout: 10_000 }).toBe(0);
    await page.getByTestId("contact-trash-toggle").click();
    await expect.poll(() => page.getByRole("row", { name: /Grace Hopper/ }).count(), { timeout: 10_000 }).toBe(1);
  });
});
