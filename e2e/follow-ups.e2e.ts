import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiAs,
  launchBrowser,
  newPage,
  pickInTheNextMonth,
  type RunningRapport,
  setUpOverApi,
  shanghaiClock,
  signIn,
  startRapport,
} from "./server.ts";

let rapport: RunningRapport;
let browser: Browser;
let page: Page;

const admin = { email: "grace@example.com", password: "a long passphrase" };

beforeAll(async () => {
  rapport = await startRapport();
  await setUpOverApi(rapport.url, {
    organizationName: "Hopper & Co",
    locale: "en",
    baseCurrency: "CNY",
    timeZone: "Asia/Shanghai",
    adminName: "Grace Hopper",
    adminEmail: admin.email,
    adminPassword: admin.password,
  });
  browser = await launchBrowser();
  page = await newPage(browser, rapport.url);
});
afterAll(async () => {
  await browser?.close();
  await rapport?.stop();
});

const entries = () => page.getByTestId("timeline-entry");

describe("follow-ups on the customer page", () => {
  it("logs a follow-up and sees it at the top of the timeline", async () => {
    await signIn(page, admin, "English");
    await page.getByTestId("customer-new").click();
    await page.getByTestId("customer-name").fill("Cobol Systems");
    await page.getByTestId("customer-save").click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId("follow-up-summary").textContent()).toContain("Never");

    await page.getByTestId("follow-up-log").click();
    await page.getByLabel("Type").click();
    await page.locator(".ant-select-item-option", { hasText: "Meeting" }).click();
    await page.getByTestId("follow-up-content").fill("Demo of the compiler 编译器演示");
    await page.getByTestId("follow-up-outcome").fill("Wants a pilot");
    await page.getByTestId("follow-up-save").click();

    await expect.poll(() => entries().first().getAttribute("data-kind"), { timeout: 10_000 }).toBe("followUp");
    const top = await entries().first().textContent();
    expect(top).toContain("Demo of the compiler 编译器演示");
    expect(top).toContain("Meeting");
    expect(top).toContain("Wants a pilot");
    await expect.poll(() => page.getByTestId("follow-up-summary").textContent()).not.toContain("Never");
  });

  it("confirms only the date on Enter in a date field, not the whole follow-up", async () => {
    const posted: string[] = [];
    const onRequest = (request: { method(): string; url(): string }) => {
      if (request.method() === "POST" && request.url().includes("/api/v1/follow-ups")) posted.push(request.url());
    };
    page.on("request", onRequest);
    await page.getByTestId("follow-up-log").click();
    await page.getByTestId("follow-up-content").fill("Call about the pilot");
    const form = page.getByTestId("follow-up-form");
    const next = form.locator("#nextFollowUpAt");
    await next.click();
    await next.fill("2099-01-05 10:00");
    await page.keyboard.press("Enter");
    await expect.poll(() => next.inputValue()).toBe("2099-01-05 10:00");
    expect(await page.getByTestId("follow-up-save").count()).toBe(1);
    expect(await entries().filter({ hasText: "Call about the pilot" }).count()).toBe(0);
    await form.getByRole("button", { name: "Cancel" }).click();
    // Text was typed: closing asks first (see the next test).
    await page.getByTestId("discard-confirm").click();
    await expect.poll(() => page.getByTestId("follow-up-save").count()).toBe(0);
    page.off("request", onRequest);
    // A submit would have gone out within the moment after Enter, long before the form closed.
    expect(posted).toEqual([]);
  });

  it("asks before closing a follow-up with typed text; an untouched one closes at once", async () => {
    const form = page.getByTestId("follow-up-form");
    const cancel = form.getByRole("button", { name: "Cancel" });
    const discard = page.getByTestId("discard-confirm");
    // Nothing typed: Cancel closes, no question.
    await page.getByTestId("follow-up-log").click();
    await cancel.click();
    await expect.poll(() => form.count()).toBe(0);
    expect(await discard.count()).toBe(0);

    await page.getByTestId("follow-up-log").click();
    await page.getByTestId("follow-up-content").fill("Half a note about the renewal");
    await cancel.click();
    await expect.poll(() => discard.isVisible()).toBe(true);
    // "Keep editing": the form and its text stay.
    await page.getByRole("button", { name: "Keep editing" }).click();
    await expect.poll(() => discard.isVisible()).toBe(false);
    expect(await page.getByTestId("follow-up-content").inputValue()).toBe("Half a note about the renewal");
    // "Discard": the form closes, nothing is logged, and opened again it is empty.
    await cancel.click();
    await discard.click();
    await expect.poll(() => form.count()).toBe(0);
    expect(await entries().filter({ hasText: "Half a note about the renewal" }).count()).toBe(0);
    await page.getByTestId("follow-up-log").click();
    expect(await page.getByTestId("follow-up-content").inputValue()).toBe("");
    await cancel.click();
    await expect.poll(() => form.count()).toBe(0);
  });

  it("asks before the phone's full-screen drawer throws a typed follow-up away", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      const bar = page.getByTestId("customer-quick-actions");
      const drawer = page.locator(".ant-drawer-open");
      const form = drawer.getByTestId("follow-up-form");
      const discard = page.getByTestId("discard-confirm");
      // Untouched: × closes it without asking.
      await bar.getByRole("button", { name: "Log follow-up" }).click();
      await form.waitFor();
      await drawer.getByRole("button", { name: "Close" }).click();
      await expect.poll(() => form.count()).toBe(0);
      expect(await discard.count()).toBe(0);
      // Typed: × asks; discarding closes it.
      await bar.getByRole("button", { name: "Log follow-up" }).click();
      await form.getByTestId("follow-up-content").fill("Called from the car park");
      await drawer.getByRole("button", { name: "Close" }).click();
      await discard.click();
      await expect.poll(() => form.count()).toBe(0);
      expect(await entries().filter({ hasText: "Called from the car park" }).count()).toBe(0);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it("shows an edit of the customer on the timeline without a reload", async () => {
    await page.getByTestId("customer-edit").click();
    await page.locator("#customer_notes").fill("Prefers calls in the morning");
    await page.getByTestId("customer-save").click();
    await expect
      .poll(() => entries().first().textContent(), { timeout: 10_000 })
      .toContain("Prefers calls in the morning");
  });

  it("filters the timeline by kind", async () => {
    const filter = page.getByTestId("timeline-filter");
    await filter.getByText("Changes").click();
    await expect.poll(() => entries().first().getAttribute("data-kind")).toBe("change");
    const kinds = await entries().evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-kind")));
    expect(new Set(kinds)).toEqual(new Set(["change"]));

    await filter.getByText("Follow-ups").click();
    await expect.poll(() => entries().count()).toBe(1);
    expect(await entries().first().getAttribute("data-kind")).toBe("followUp");

    await filter.getByText("All").click();
    await expect.poll(() => entries().count()).toBeGreaterThanOrEqual(2);
  });

  it("lists the follow-up on the Follow-ups page", async () => {
    await page.getByRole("menuitem", { name: "Follow-ups" }).click();
    await page.waitForURL(/\/follow-ups$/);
    await expect.poll(() => page.getByRole("row", { name: /Cobol Systems/ }).count(), { timeout: 10_000 }).toBe(1);
  });

  it("filters and sorts the customer list by follow-ups", async () => {
    await page.goto("/customers");
    const cobol = page.getByRole("row", { name: /Cobol Systems/ });
    await expect.poll(() => cobol.count(), { timeout: 10_000 }).toBe(1);
    const due = page.getByTestId("customer-filter-followUpDue");
    await due.click();
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "Overdue" }).click();
    await page.waitForURL(/followUpDue=overdue/);
    await expect.poll(() => cobol.count(), { timeout: 10_000 }).toBe(0);
    await due.click();
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "None planned" }).click();
    await page.waitForURL(/followUpDue=none/);
    await expect.poll(() => cobol.count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole("columnheader", { name: "Next follow-up" }).click();
    await page.waitForURL(/sort=nextFollowUpAt/);
    await expect.poll(() => cobol.count(), { timeout: 10_000 }).toBe(1);
  });
});

describe("editing a follow-up", () => {
  it("fixes a follow-up's text and next date from the list, then its outcome from the timeline", async () => {
    await page.goto("/customers");
    await page.getByTestId("customer-new").click();
    await page.getByTestId("customer-name").fill("Ada Analytics");
    await page.getByTestId("customer-save").click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await page.getByTestId("follow-up-log").click();
    await page.getByTestId("follow-up-content").fill("Called about the renewl");
    const next = page.getByTestId("follow-up-form").locator("#nextFollowUpAt");
    await next.click();
    await next.fill("2099-01-05 10:00");
    await page.keyboard.press("Enter");
    await page.getByTestId("follow-up-save").click();
    await expect.poll(() => page.getByTestId("follow-up-summary").textContent(), { timeout: 10_000 }).toContain("2099");

    await page.getByRole("menuitem", { name: "Follow-ups" }).click();
    await page.waitForURL(/\/follow-ups$/);
    const typo = page.getByRole("row", { name: /renewl/ });
    await expect.poll(() => typo.count(), { timeout: 10_000 }).toBe(1);
    await typo.getByRole("button", { name: "Edit follow-up" }).click();
    const drawer = page.locator(".ant-drawer-open");
    const content = drawer.getByTestId("follow-up-content");
    // The form opens with the follow-up as saved.
    await expect.poll(() => content.inputValue(), { timeout: 10_000 }).toBe("Called about the renewl");
    await content.fill("Called about the renewal");
    const editedNext = drawer.locator("#nextFollowUpAt");
    expect(await editedNext.inputValue()).toBe("2099-01-05 10:00");
    await editedNext.click();
    await editedNext.fill("2098-03-07 09:30");
    await page.keyboard.press("Enter");
    await drawer.getByTestId("follow-up-save").click();
    await expect.poll(() => drawer.count()).toBe(0);

    const fixed = page.getByRole("row", { name: /Called about the renewal/ });
    await expect.poll(() => fixed.count(), { timeout: 10_000 }).toBe(1);
    expect(await fixed.textContent()).toContain("2098");
    expect(await page.getByRole("row", { name: /renewl/ }).count()).toBe(0);

    // The customer's next follow-up moved with it, and the timeline shows the new text.
    await fixed.getByRole("link", { name: "Ada Analytics" }).click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    const summary = page.getByTestId("follow-up-summary");
    await expect.poll(() => summary.textContent(), { timeout: 10_000 }).toContain("2098");
    expect(await summary.textContent()).not.toContain("2099");
    const entry = entries().filter({ hasText: "Called about the renewal" });
    await expect.poll(() => entry.count(), { timeout: 10_000 }).toBe(1);

    await entry.getByRole("button", { name: "Edit follow-up" }).click();
    await drawer.getByTestId("follow-up-outcome").fill("Renewal signed");
    await drawer.getByTestId("follow-up-save").click();
    await expect.poll(() => entry.textContent(), { timeout: 10_000 }).toContain("Renewal signed");
    expect(await entries().filter({ hasText: "Called about the renewal" }).count()).toBe(1);
  });
});

describe("times a rep can trust", () => {
  for (const language of ["English", "简体中文"] as const) {
    it(`gives a next follow-up picked as a day 09:00 on the office's clock, not midnight (${language})`, async () => {
      const api = await apiAs(rapport.url, admin);
      const customer = await api<{ id: string }>("POST", "/api/v1/customers", { name: `Day Only ${language}` });
      await page.goto(`/customers/${customer.id}`);
      await page.getByTestId("lang-switch").getByText(language).click();
      await page.getByTestId("follow-up-log").click();
      await page.getByTestId("follow-up-content").fill("Sent the quote 已发报价");
      const next = page.getByTestId("follow-up-form").locator("#nextFollowUpAt");
      await pickInTheNextMonth(page, next, 28);
      await expect.poll(() => next.inputValue()).toMatch(/^\d{4}-\d{2}-28 09:00$/);
      await page.getByTestId("follow-up-save").click();
      await expect.poll(() => page.getByTestId("follow-up-form").count(), { timeout: 10_000 }).toBe(0);
      const saved = await api<{ nextFollowUpAt: string }>("GET", `/api/v1/customers/${customer.id}`);
      expect(shanghaiClock(saved.nextFollowUpAt)).toBe("09:00");
      expect(saved.nextFollowUpAt.slice(8, 10)).toBe("28");
    });

    it(`marks overdue only the plan still to do, not old ones carried out since (${language})`, async () => {
      const api = await apiAs(rapport.url, admin);
      const customer = await api<{ id: string }>("POST", "/api/v1/customers", { name: `Kept Promises ${language}` });
      const DAY = 24 * 3_600_000;
      const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
      const log = (content: string, occurredAt: string, nextFollowUpAt: string | null) =>
        api("POST", "/api/v1/follow-ups", {
          customerId: customer.id,
          kind: "call",
          content,
          occurredAt,
          nextFollowUpAt,
        });
      // A plan carried out by the call after it, which planned again; that plan nobody carried out.
      await log("Planned a call 约好回电", ago(31), ago(30));
      await log("Called as planned 按约回电", new Date(Date.parse(ago(30)) + 90 * 60_000).toISOString(), ago(3));
      await page.goto(`/customers/${customer.id}`);
      await page.getByTestId("lang-switch").getByText(language).click();
      const overdue = language === "English" ? "Overdue" : "已逾期";
      const planned = entries().filter({ hasText: "Planned a call" });
      const called = entries().filter({ hasText: "Called as planned" });
      await expect.poll(() => called.textContent(), { timeout: 10_000 }).toContain(overdue);
      expect(await planned.textContent()).not.toContain(overdue);
      // The customer's own next follow-up is the open plan, overdue too.
      expect(await page.getByTestId("follow-up-summary").textContent()).toContain(overdue);

      // The Follow-ups list agrees: one overdue plan, the one still to do.
      await page.goto("/follow-ups");
      const row = (text: string) => page.getByRole("row", { name: new RegExp(`Kept Promises ${language}.*${text}`) });
      await expect.poll(() => row("Called as planned").textContent(), { timeout: 10_000 }).toContain(overdue);
      expect(await row("Planned a call").textContent()).not.toContain(overdue);

      // A call logged now carries the last plan out: nothing on the timeline is overdue any more.
      await log("Called again 再次回电", new Date().toISOString(), null);
      await page.goto(`/customers/${customer.id}`);
      await expect.poll(() => entries().filter({ hasText: "Called again" }).count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => page.getByTestId("timeline").textContent()).not.toContain(overdue);
      expect(await page.getByTestId("timeline").textContent()).toContain("Called as planned");
    });
  }
});
