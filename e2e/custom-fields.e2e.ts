import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiAs,
  launchBrowser,
  moveWithKeyboard,
  newPage,
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

const drawer = () => page.locator(".ant-drawer:visible");
const option = (text: string) =>
  page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: text }).first();
async function pick(select: Locator, text: string) {
  await select.click();
  await option(text).click();
}
const rows = () => page.locator(".ant-table-tbody tr.ant-table-row");

describe("custom fields, in the browser", () => {
  it("an admin adds a choice field and a number field to customers", async () => {
    await setUpOrganization(page, {
      organization: "Fields Co",
      admin: "Ada Lovelace",
      email: "ada@example.com",
      language: "English",
    });

    await page.getByRole("menuitem", { name: "Custom fields" }).click();
    await page.waitForURL(/\/admin\/custom-fields$/);
    await expect.poll(() => page.getByText("No fields yet.", { exact: false }).count()).toBe(1);

    await page.getByTestId("field-new").click();
    await page.getByTestId("field-label-zh").fill("客户等级");
    await page.getByTestId("field-label-en").fill("Tier");
    await page.getByTestId("field-key").fill("tier");
    await pick(page.getByTestId("field-type"), "Single choice");
    for (const [index, [zh, en]] of [
      ["金牌", "Gold"],
      ["银牌", "Silver"],
    ].entries()) {
      await page.getByTestId("field-option-add").click();
      await page.getByTestId(`field-option-zh-${index}`).fill(zh ?? "");
      await page.getByTestId(`field-option-en-${index}`).fill(en ?? "");
    }
    await page.getByTestId("field-required").check();
    await page.getByTestId("field-save").click();
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);

    await page.getByTestId("field-new").click();
    await page.getByTestId("field-label-zh").fill("员工人数");
    await page.getByTestId("field-label-en").fill("Headcount");
    await page.getByTestId("field-key").fill("headcount");
    await pick(page.getByTestId("field-type"), "Number");
    await page.getByTestId("field-save").click();
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(2);
    expect(await rows().first().textContent()).toContain("Required");

    // Reordered by dragging a field's handle, here from the keyboard; the order is kept.
    await moveWithKeyboard(page, "Headcount", { from: 2, to: 1, of: 2 });
    await expect.poll(() => rows().first().textContent(), { timeout: 10_000 }).toContain("Headcount");
    await page.reload();
    await expect.poll(() => rows().first().textContent(), { timeout: 10_000 }).toContain("Headcount");
  });

  it("the customer form asks for the fields by type, and the page shows them", async () => {
    await page.getByRole("menuitem", { name: "Customers" }).click();
    await page.getByTestId("customer-new").click();
    await page.getByTestId("customer-name").fill("Analytical Engines 分析机");
    await page.getByTestId("customer-save").click();
    // Tier is required: the form says so before anything is sent.
    await expect.poll(() => drawer().getByText("Please fill this in.").count()).toBe(1);
    await pick(drawer().getByTestId("custom-tier"), "Gold");
    await drawer().getByTestId("custom-headcount").fill("120");
    await page.getByTestId("customer-save").click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByText("Gold", { exact: true }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByText("120", { exact: true }).count()).toBeGreaterThan(0);

    // The change history names the field by its label.
    await page.getByTestId("customer-edit").click();
    await drawer().getByTestId("custom-headcount").fill("150");
    await page.getByTestId("customer-save").click();
    await expect.poll(() => page.getByText("150", { exact: true }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByText("Headcount", { exact: true }).count()).toBeGreaterThan(1);
  });

  it("lists the field as an optional column, and filters by it", async () => {
    await page.goto("/customers");
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId("column-chooser").click();
    await page.locator(".ant-popover:visible").getByText("Tier", { exact: true }).click();
    await expect.poll(() => page.getByRole("columnheader", { name: "Tier" }).count()).toBe(1);
    await page.getByTestId("column-chooser").click();
    expect(await rows().first().textContent()).toContain("Gold");

    await page.getByTestId("custom-filters").click();
    const from = page.getByTestId("custom-filter-headcount-gte");
    const fromParam = () => new URL(page.url()).searchParams.get("custom.headcount[gte]");
    await from.fill("200");
    await expect.poll(fromParam).toBe("200");
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(0);
    await from.fill("100");
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);

    // Typed as the form takes numbers: 1万 is 10000, not 1.
    await from.fill("1万");
    await expect.poll(fromParam).toBe("10000");
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(0);
    // A text that is no number says so and filters nothing, rather than filtering by its digits.
    await from.fill("1k");
    await expect.poll(() => page.getByText("Enter a number, such as 1200, 1,200 or 12万.").count()).toBe(1);
    expect(await from.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(fromParam).toBeNull();
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);
    await from.fill("0.01万");
    await expect.poll(fromParam).toBe("100");
    expect(await page.getByText("Enter a number, such as 1200, 1,200 or 12万.").count()).toBe(0);
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);
  });

  it("shows the labels in Chinese", async () => {
    await page.getByTestId("lang-switch").getByText("简体中文").click();
    await rows().first().getByRole("link").click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await expect
      .poll(() => page.getByText("客户等级", { exact: true }).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => page.getByText("金牌", { exact: true }).count()).toBeGreaterThan(0);
  });

  it("takes a field named in Chinese only, and asks before its amounts change currency", async () => {
    // An admin in a Chinese organization names the field once, in Chinese, and types no key.
    await page.goto("/admin/custom-fields");
    await page.getByTestId("field-new").click();
    await page.getByTestId("field-label-zh").fill("合同金额");
    await pick(page.getByTestId("field-type"), "金额");
    await page.getByTestId("field-currency").fill("CNY");
    await page.getByTestId("field-save").click();
    await expect.poll(() => rows().filter({ hasText: "合同金额" }).count(), { timeout: 10_000 }).toBe(1);
    const api = await apiAs(rapport.url, { email: "ada@example.com", password: "a long passphrase" });
    const fields = () =>
      api<{ data: { key: string; currency: string | null; label: { en: string } }[] }>(
        "GET",
        "/api/v1/custom-fields?objectType=customer",
      );
    // The key is the label's pinyin, and the English label the same name until someone translates it.
    expect((await fields()).data.find((f) => f.key === "he_tong_jin_e")?.label.en).toBe("合同金额");
    await api("POST", "/api/v1/customers", { name: "Priced Co", custom: { he_tong_jin_e: 100, tier: "gold" } });

    await page.getByTestId("field-edit-he_tong_jin_e").click();
    await page.getByTestId("field-currency").fill("USD");
    await page.getByTestId("field-save").click();
    const dialog = page.locator(".ant-modal-confirm:visible");
    await expect.poll(() => dialog.textContent(), { timeout: 10_000 }).toContain("以 CNY 计的金额");
    expect(await dialog.textContent()).toContain("USD");
    await page.locator("#relabel-confirm").click();
    await expect.poll(() => rows().filter({ hasText: "合同金额" }).textContent(), { timeout: 10_000 }).toContain("USD");
    expect((await fields()).data.find((f) => f.key === "he_tong_jin_e")?.currency).toBe("USD");
  });
});
