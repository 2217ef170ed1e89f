import path from "node:path";
import iconv from "iconv-lite";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, launchBrowser, newPage, type RunningRapport, setUpOrganization, startRapport } from "./server.ts";

let rapport: RunningRapport;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  rapport = await startRapport();
  browser = await launchBrowser();
  page = await newPage(browser, rapport.url, { width: 390, height: 844 });
});
afterAll(async () => {
  await browser?.close();
  await rapport?.stop();
});

/** Set E2E_SHOTS to a folder to keep the screens this test looks at. */
const shot = async (name: string) => {
  if (process.env.E2E_SHOTS) await page.screenshot({ path: path.join(process.env.E2E_SHOTS, name), fullPage: true });
};

// As Excel in China saves it: GBK, slash dates, amounts with ￥ and separators, choices by label.
const csv = iconv.encode(
  [
    "客户名称,生命周期阶段,合同编号,年度预算,签约日期,销售渠道",
    '杭州云栖数据科技,线索,HT-2026-101,"￥1,200,000",2026/10/1,直销',
    "宁波港湾物流,成交,HT-2026-102,abc,2026-13-40,未知渠道",
  ].join("\r\n"),
  "gbk",
);

describe("import on a phone (390 px, Chinese)", () => {
  it("sets up an organization with custom fields", async () => {
    await setUpOrganization(page, {
      organization: "手机导入",
      admin: "李娜",
      email: "li@example.com",
      language: "简体中文",
    });
    const api = await apiAs(rapport.url, { email: "li@example.com", password: "a long passphrase" });
    const field = (key: string, type: string, zh: string, extra: object = {}) =>
      api("POST", "/api/v1/custom-fields", {
        objectType: "customer",
        key,
        type,
        label: { en: key, "zh-CN": zh },
        ...extra,
      });
    await field("contract_no", "text", "合同编号");
    await field("budget", "money", "年度预算", { currency: "CNY" });
    await field("signed_on", "date", "签约日期");
    await field("channel", "singleChoice", "销售渠道", {
      options: [
        { key: "direct", label: { en: "Direct", "zh-CN": "直销" } },
        { key: "reseller", label: { en: "Reseller", "zh-CN": "代理商" } },
      ],
    });
  });

  it("shows each file column's name and a sample above where it goes", async () => {
    await page.goto("/imports/new?type=customer");
    const chooser = page.waitForEvent("filechooser");
    await page.getByTestId("import-file").click();
    await (await chooser).setFiles({ name: "客户.csv", mimeType: "text/csv", buffer: csv });

    const card = page.getByTestId("import-column-2");
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain("合同编号");
    // The custom field by its label, the stage as the customer pages name it.
    await expect.poll(() => page.getByTestId("import-map-2").textContent()).toContain("合同编号");
    await expect.poll(() => page.getByTestId("import-map-1").textContent()).toContain("生命周期阶段");
    expect(await card.textContent()).toContain("HT-2026-101");

    // The column's name is on screen, above its select, and nothing runs off the side.
    const name = await page.getByTestId("import-column-name-2").boundingBox();
    const select = await page.getByTestId("import-map-2").boundingBox();
    expect(name && select && name.y + name.height <= select.y).toBe(true);
    expect(name && name.x >= 0 && name.x + name.width <= 390).toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    expect(overflow).toBe(false);
    await shot("import-mapping-phone-zh.png");
  });

  it("checks with every problem of a row at once, in the labels the user sees", async () => {
    await page.getByTestId("import-mapping-next").click();
    const problems = page.getByTestId("import-problems");
    await expect.poll(() => problems.textContent(), { timeout: 10_000 }).toContain("不是以下之一：直销、代理商");
    const text = (await problems.textContent()) ?? "";
    for (const column of ["生命周期阶段", "年度预算", "签约日期", "销售渠道"]) expect(text).toContain(column);
    expect(await page.getByRole("button", { name: "上一步" }).count()).toBe(1);
    await shot("import-check-phone-zh.png");

    await page.getByRole("tab", { name: "预览" }).click();
    const preview = page.getByRole("tabpanel", { name: "预览" });
    await expect.poll(() => preview.textContent()).toContain("合同编号：HT-2026-101");
    const shown = (await preview.textContent()) ?? "";
    expect(shown).toContain("销售渠道：直销");
    expect(shown).toContain("签约日期：");
    expect(shown).not.toContain("{");
    await shot("import-preview-phone-zh.png");
  });

  it("removes the checked but never imported file from the history", async () => {
    await page.goto("/imports?type=customer");
    const history = page.getByTestId("import-history");
    await expect.poll(() => history.textContent(), { timeout: 10_000 }).toContain("未开始");
    await history.getByRole("button", { name: /删\s?除/ }).click();
    await page
      .locator(".ant-popconfirm")
      .getByRole("button", { name: /删\s?除/ })
      .click();
    await expect.poll(() => history.textContent(), { timeout: 10_000 }).not.toContain("未开始");
  });

  it("imports a GBK vCard as its bytes, and skips its cards when it comes again", async () => {
    const vcf = iconv.encode(
      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:赵敏\r\nTEL;TYPE=CELL:139 0000 1234\r\nEND:VCARD\r\n",
      "gbk",
    );
    const importOnce = async () => {
      await page.goto("/contacts");
      await page.getByTestId("contact-import").click();
      const chooser = page.waitForEvent("filechooser");
      await page.getByTestId("contact-import-file").click();
      await (await chooser).setFiles({ name: "通讯录.vcf", mimeType: "text/vcard", buffer: vcf });
      await page.getByTestId("contact-import-submit").click();
      const summary = page.getByTestId("contact-import-summary");
      await expect.poll(() => summary.textContent(), { timeout: 10_000 }).toContain("已创建");
      return summary.textContent();
    };
    expect(await importOnce()).toContain("已创建：1");
    await page.getByRole("button", { name: /^完\s?成$/ }).click();
    await expect.poll(() => page.getByRole("row", { name: /赵敏/ }).count(), { timeout: 10_000 }).toBe(1);
    expect(await importOnce()).toContain("已跳过：1");
    await shot("vcard-reimport-phone-zh.png");
  });
});
