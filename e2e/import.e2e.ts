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

const csv = [
  "客户名称,电话,邮箱,备注",
  "上海星辰科技,+86 21 5555 0101,info@xingchen.example,老客户",
  "北京云杉软件,021-5555-0103,not-an-email,",
  "@海鸥贸易,020-5555-0104,,",
].join("\r\n");

describe("import and export, in the browser", () => {
  it("sets up an organization (in Chinese)", async () => {
    await setUpOrganization(page, {
      organization: "导入公司",
      admin: "王芳",
      email: "wang@example.com",
      language: "简体中文",
    });
  });

  it("imports a customer CSV: mapping guessed, errors by row, progress, then undo", async () => {
    await page.getByTestId("customer-import-wizard").click();
    await page.waitForURL(/\/imports\/new\?type=customer$/);
    const chooser = page.waitForEvent("filechooser");
    await page.getByTestId("import-file").click();
    await (await chooser).setFiles({ name: "客户.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${csv}`) });

    // The headers were recognised: the name column goes to 名称.
    await expect.poll(() => page.getByTestId("import-map-0").textContent(), { timeout: 10_000 }).toContain("名称");
    await page.getByTestId("import-mapping-next").click();

    const summary = page.getByTestId("import-check-summary");
    await expect.poll(() => summary.textContent(), { timeout: 10_000 }).toContain("新建2");
    await expect.poll(() => page.getByTestId("import-problems").textContent()).toContain("邮箱");
    // Checked: the button says how many rows will be imported (while checking it says no number).
    await expect.poll(() => page.getByTestId("import-run").textContent()).toContain("导入 2 行");
    expect(await page.getByTestId("import-checking").count()).toBe(0);
    // The server's reason, in the page's language.
    expect(await page.getByTestId("import-problems").textContent()).not.toContain("Invalid");
    await page.getByTestId("import-run").click();

    const progress = page.getByTestId("import-progress");
    await expect.poll(() => progress.getAttribute("data-status"), { timeout: 20_000 }).toBe("done");
    await expect.poll(() => progress.textContent()).toContain("新建 2，更新 0，跳过 0，错误 1");
    const report = await page.getByTestId("import-report").getAttribute("href");
    expect(report).toMatch(/\/report\.csv\?lang=zh-CN$/);
    expect((await (await page.request.get(report ?? "")).text()).split("\r\n")[0]).toMatch(/^\uFEFF行号,结果/);

    await page.getByRole("button", { name: "查看客户" }).click();
    await page.waitForURL(/\/customers$/);
    await expect.poll(() => page.getByRole("row", { name: /上海星辰科技/ }).count(), { timeout: 10_000 }).toBe(1);
    // The customer's history names the file and its row.
    await page
      .getByRole("row", { name: /上海星辰科技/ })
      .getByRole("link")
      .first()
      .click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    const created = page.getByTestId("timeline-entry").filter({ hasText: "导入批次" });
    await expect.poll(() => created.textContent(), { timeout: 10_000 }).toContain("客户.csv");
    expect(await created.textContent()).toMatch(/文件行号\s*:\s*\d/);
    await page.goto("/customers");
  });

  it("exports the list as CSV with BOM, headers in the user's language, formulas escaped", async () => {
    await page.getByTestId("customers-export-file").click();
    const href = await page.getByTestId("export-csv").getAttribute("href");
    expect(href).toMatch(/^\/api\/v1\/exports\/customers\?.*format=csv.*lang=zh-CN/);
    const res = await page.request.get(href ?? "");
    expect(res.status()).toBe(200);
    const text = await res.text();
    expect(text.startsWith("\uFEFF名称") || text.startsWith("\uFEFF客户名称")).toBe(true);
    // A name that a spreadsheet would run as a formula is escaped.
    expect(text).toContain("'@海鸥贸易");
  });

  it("undoes the import from the history page (in English), its actions in sight on a laptop and a phone", async () => {
    await page.keyboard.press("Escape");
    await page.getByTestId("lang-switch").getByText("English").click();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId("customer-import-history").click();
    await page.waitForURL(/\/imports\?type=customer$/);
    const history = page.getByTestId("import-history");
    await expect.poll(() => history.textContent(), { timeout: 10_000 }).toContain("Imported");
    const undo = history.getByTestId("import-undo");
    const inSight = async (width: number) => {
      const box = await undo.boundingBox();
      return Boolean(box && box.x >= 0 && box.x + box.width <= width);
    };
    await expect.poll(() => inSight(1440)).toBe(true);
    // On a phone the row fits the screen: the actions are there without scrolling sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => inSight(390)).toBe(true);
    // Once the table has laid itself out for the new width (antd measures it after the resize).
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1))
      .toBe(false);

    // A colleague moved one imported customer to the trash meanwhile: the undo asks before keeping it there.
    const api = await apiAs(rapport.url, { email: "wang@example.com", password: "a long passphrase" });
    const [seagull] = (await api<{ data: { id: string }[] }>("GET", "/api/v1/customers?q=%40%E6%B5%B7%E9%B8%A5")).data;
    await api("DELETE", `/api/v1/customers/${seagull?.id}`);

    await undo.click();
    await page.getByRole("button", { name: "Undo import" }).last().click();
    const asked = page.getByRole("dialog").filter({ hasText: "changed since" });
    await expect.poll(() => asked.textContent()).toContain("1 record was edited, moved to the trash");
    await asked.getByRole("button", { name: "Undo the rest" }).click();
    // The undo runs in the background; the batch shows it undoing, then what the undo did.
    await expect.poll(() => page.getByText("Undoing the import in the background").count()).toBeGreaterThan(0);
    await expect.poll(() => history.textContent(), { timeout: 20_000 }).toContain("Undone: 1 records removed, 1 kept");
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/customers");
    await expect.poll(() => page.getByRole("row", { name: /上海星辰科技/ }).count(), { timeout: 10_000 }).toBe(0);
  });

  it("works on a phone-sized screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/imports/new?type=contact");
    await expect.poll(() => page.getByText("Import contacts").count(), { timeout: 10_000 }).toBe(1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    expect(overflow).toBe(false);
  });
});
