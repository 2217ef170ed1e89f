import type { Browser, Locator, Page } from "playwright-core";
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

/** The element lies within the phone's 390 px width. */
async function expectOnScreen(locator: Locator) {
  const box = await locator.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
}

/** Runs `steps` at a phone's size, then back at a desktop's. */
async function onPhone(steps: () => Promise<void>) {
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await steps();
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
}

/** Opens the duplicate finder once it lists `count` groups; answers them. */
async function finderGroups(count: number) {
  await page.goto("/duplicates");
  const groups = page.getByTestId("duplicate-group");
  await expect.poll(() => groups.count(), { timeout: 10_000 }).toBe(count);
  return groups;
}

async function newCustomer(name: string, phone: string) {
  await page.goto("/customers");
  await page.getByTestId("customer-new").click();
  await page.getByTestId("customer-name").fill(name);
  await page.locator("#customer_phone").fill(phone);
  await page.getByTestId("customer-save").click();
}

/**
 * Two customers alike, the older first (it stays by default), created anyway despite the warning;
 * answers the newer one's page.
 */
async function newPair(older: string, newer: string, phones: [string, string]): Promise<string> {
  await newCustomer(older, phones[0]);
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
  await newCustomer(newer, phones[1]);
  await page.getByTestId("duplicate-create-anyway").click();
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
  return page.url();
}

/**
 * In the open merge dialog: clicks the name the main record has by default (already checked), makes
 * the other record the main one, and merges. The name clicked is the user's pick: it must not follow
 * the main record to the other one's.
 */
async function mergeKeepingClickedName(older: string, newer: string, layout: "table" | "phone") {
  const modal = page.getByRole("dialog");
  // The table's header picks the main record (antd keeps inert copies of it in a hidden measuring row).
  const [records, values] =
    layout === "table"
      ? [modal.locator("thead"), modal.locator("tbody")]
      : [modal.getByTestId("merge-choices"), modal.getByTestId("merge-choices")];
  const radios = (within: Locator, testId: string) =>
    within.locator(".ant-radio-wrapper").filter({ has: page.getByTestId(testId) });
  const survivor = (name: string) => radios(records, "merge-survivor").filter({ hasText: `${name} · ` });
  // A value in the table is alone in its cell; in the phone's list, the record's name is under it.
  const olderName = radios(values, "merge-pick-name").filter({
    hasText: layout === "table" ? new RegExp(`^${older}$`) : `${older} · `,
  });
  await expect
    .poll(() => survivor(older).getByTestId("merge-record-role").textContent(), { timeout: 10_000 })
    .toBe("Main record: stays");
  expect(await olderName.getByRole("radio").isChecked()).toBe(true);
  await olderName.click();
  await survivor(newer).click();
  await expect.poll(() => survivor(newer).getByTestId("merge-record-role").textContent()).toBe("Main record: stays");
  expect(await olderName.getByRole("radio").isChecked()).toBe(true);
  await page.getByTestId("merge-submit").click();
  await expect.poll(() => page.getByText(`Merged into ${older}`, { exact: true }).count(), { timeout: 10_000 }).toBe(1);
}

describe("duplicate check and merge, in the browser", () => {
  it("sets up an organization with a customer", async () => {
    await setUpOrganization(page, {
      organization: "Dedupe Co",
      admin: "Ada Lovelace",
      email: "ada@example.com",
      language: "English",
    });
    await newCustomer("Acme Co., Ltd.", "+86 138 0013 8000");
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
  });

  it("warns before creating a likely duplicate, links to it, and creates anyway", async () => {
    await newCustomer("ACME Inc", "138-0013-8000");
    const warning = page.getByTestId("duplicate-warning");
    await expect.poll(() => warning.count(), { timeout: 10_000 }).toBe(1);
    expect(await warning.textContent()).toContain("a similar name, the same phone");
    expect(await warning.getByRole("link", { name: "Acme Co., Ltd." }).count()).toBe(1);
    await page.getByTestId("duplicate-create-anyway").click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole("heading", { name: "ACME Inc" }).count()).toBe(1);
  });

  it("lists a pair sharing a name and a phone as one group showing both", async () => {
    await page.getByRole("menuitem", { name: "Duplicates" }).click();
    await page.waitForURL(/\/duplicates$/);
    const groups = page.getByTestId("duplicate-group");
    await expect.poll(() => groups.count(), { timeout: 10_000 }).toBe(1);
    await expect
      .poll(() => groups.getByTestId("duplicate-match").allTextContents())
      .toEqual(["Name: acme", "Phone: 13800138000"]);
    expect(await groups.getByText("2 records").count()).toBe(1);
    expect(await groups.getByRole("link", { name: /^(Acme Co\., Ltd\.|ACME Inc) · Ada Lovelace$/ }).count()).toBe(2);
  });

  it("merges the pair from the duplicate finder, keeping the picked name", async () => {
    const groups = page.getByTestId("duplicate-group");
    await groups.getByTestId("duplicate-merge").click();
    const modal = page.getByRole("dialog");
    await expect.poll(() => modal.getByText("Merge 2 records").count(), { timeout: 10_000 }).toBe(1);
    // Each column names its record (name · owner) and says which one stays and which goes to the trash.
    // The table's header (antd keeps inert copies of it in a hidden measuring row).
    const headers = modal.locator("thead").getByTestId("merge-record-name");
    await expect.poll(() => headers.allTextContents()).toHaveLength(2);
    expect((await headers.allTextContents()).every((text) => / · \S/.test(text))).toBe(true);
    const roles = modal.locator("thead").getByTestId("merge-record-role");
    await expect
      .poll(() => roles.allTextContents())
      .toEqual(["Main record: stays", "Goes to the trash (pick to make it the main record)"]);
    await modal.getByRole("radio", { name: "Acme Co., Ltd.", exact: true }).check();
    await page.getByTestId("merge-submit").click();
    await expect.poll(() => groups.count(), { timeout: 10_000 }).toBe(0);
    await page.getByRole("menuitem", { name: "Customers" }).click();
    await expect.poll(() => page.getByRole("link", { name: "Acme Co., Ltd." }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByRole("link", { name: "ACME Inc", exact: true }).count()).toBe(0);
  });

  it("finds a record's duplicates from its page and merges them, keeping the original by default", async () => {
    await page.getByRole("menuitem", { name: "Customers" }).click();
    await page.getByRole("link", { name: "Acme Co., Ltd." }).click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    const original = page.url();
    await newCustomer("Acme GmbH", "+86 13800138000");
    await page.getByTestId("duplicate-create-anyway").click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await page.getByTestId("find-duplicates").click();
    const modal = page.getByRole("dialog");
    await expect.poll(() => modal.getByText("Merge 2 records").count(), { timeout: 10_000 }).toBe(1);
    // This page's record is as filled as the older one: the older, the original, stays by default.
    const roles = modal.locator("thead").getByTestId("merge-record-role");
    await expect
      .poll(() => roles.allTextContents())
      .toEqual(["Goes to the trash (pick to make it the main record)", "Main record: stays"]);
    await page.getByTestId("merge-submit").click();
    await expect.poll(() => page.getByText("Merged into Acme Co., Ltd.").count(), { timeout: 10_000 }).toBe(1);
    // The page shows the record that stays.
    await page.waitForURL(original);
  });

  it("keeps the value clicked on purpose, the main record's by default, when another record becomes the main one", async () => {
    const newer = await newPair("Jade Tea House", "Jade Tea House Ltd", ["0571-8702 3456", "+86 571 8702 3456"]);
    await page.getByTestId("find-duplicates").click();
    await mergeKeepingClickedName("Jade Tea House", "Jade Tea House Ltd", "table");
    // The page shows the record that stays, the newer one, under the name clicked.
    expect(page.url()).toBe(newer);
    await expect
      .poll(() => page.getByRole("heading", { name: "Jade Tea House", exact: true }).count(), { timeout: 10_000 })
      .toBe(1);
  });

  it("dismisses a group as not duplicates, shows it among dismissed ones and restores it, on a phone", async () => {
    // Two companies sharing a switchboard number.
    await newCustomer("Peony Trading", "0755-2878 0808");
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await newCustomer("Orchid Logistics", "+86 755 2878 0808");
    await page.getByTestId("duplicate-create-anyway").click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await onPhone(async () => {
      const groups = await finderGroups(1);
      const dismiss = groups.getByTestId("duplicate-dismiss");
      await expectOnScreen(dismiss);
      await expectOnScreen(groups.getByTestId("duplicate-merge"));
      await dismiss.click();
      await expect.poll(() => page.getByText("Marked as not duplicates").count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => groups.count()).toBe(0);
      expect(await page.getByText("No likely duplicates by the active rules").count()).toBe(1);

      await page.getByText("Show dismissed").click();
      await expect.poll(() => groups.count(), { timeout: 10_000 }).toBe(1);
      expect(await groups.getByTestId("duplicate-dismissed-by").textContent()).toContain(
        "Marked not duplicates by Ada Lovelace",
      );
      expect(await groups.getByRole("link", { name: /Peony Trading/ }).count()).toBe(1);
      const restore = groups.getByTestId("duplicate-restore");
      await expectOnScreen(restore);
      await restore.click();
      await expect.poll(() => groups.count(), { timeout: 10_000 }).toBe(0);
      expect(await page.getByText("No group is dismissed as not duplicates").count()).toBe(1);

      await page.getByText("Show dismissed").click();
      await expect.poll(() => groups.count(), { timeout: 10_000 }).toBe(1);
      // Dismissed again, for the Chinese page below.
      await groups.getByTestId("duplicate-dismiss").click();
      await expect.poll(() => groups.count(), { timeout: 10_000 }).toBe(0);
    });
  });

  it("merges on a phone from a list of choices, keeping the picked record and value", async () => {
    await newCustomer("Lotus Foods", "021-6888 1234");
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await newCustomer("Lotus Foods Shanghai", "+86 21 6888 1234");
    await page.getByTestId("duplicate-create-anyway").click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    const shanghai = page.url();
    await onPhone(async () => {
      const groups = await finderGroups(1);
      await groups.getByTestId("duplicate-merge").click();
      const modal = page.getByRole("dialog");
      const choices = modal.getByTestId("merge-choices");
      await expect.poll(() => choices.getByTestId("merge-record-name").count(), { timeout: 10_000 }).toBe(2);
      // No table scrolling sideways: every radio, with its text, lies within the screen.
      expect(await modal.locator("table").count()).toBe(0);
      const radios = choices.locator(".ant-radio-wrapper");
      expect(await radios.count()).toBeGreaterThan(4);
      for (const radio of await radios.all()) await expectOnScreen(radio);

      const option = (testId: string, text: string) =>
        choices
          .locator(".ant-radio-wrapper")
          .filter({ has: page.getByTestId(testId) })
          .filter({ hasText: text });
      // The older record stays by default; the other one stays instead, then takes the older one's name.
      await expect
        .poll(() => option("merge-survivor", "Lotus Foods Shanghai").getByTestId("merge-record-role").textContent())
        .toBe("Goes to the trash (pick to make it the main record)");
      await option("merge-survivor", "Lotus Foods Shanghai").click();
      await expect
        .poll(() => option("merge-survivor", "Lotus Foods Shanghai").getByTestId("merge-record-role").textContent())
        .toBe("Main record: stays");
      await option("merge-pick-name", "Lotus Foods · ").click();
      // Its own phone stays with it, beside the name picked from the other record.
      expect(await option("merge-pick-phone", "+86 21 6888 1234").getByTestId("merge-pick-phone").isChecked()).toBe(
        true,
      );
      expect(await option("merge-pick-name", "Lotus Foods · ").getByRole("radio").isChecked()).toBe(true);
      await page.getByTestId("merge-submit").click();
      await expect.poll(() => page.getByText("Merged into Lotus Foods").count(), { timeout: 10_000 }).toBe(1);

      // The record that stayed has the picked name and kept its phone.
      await page.goto(shanghai);
      await page.getByRole("heading", { name: "Lotus Foods", exact: true }).waitFor();
      await page.getByRole("tab", { name: "Details" }).click();
      // The open tab's panel: the others are hidden from the accessibility tree.
      const details = page.getByRole("tabpanel");
      await expect.poll(() => details.getByText("+86 21 6888 1234").count(), { timeout: 10_000 }).toBe(1);
    });
  });

  it("keeps the value clicked on purpose in the phone's list too", async () => {
    const newer = await newPair("Willow Crafts", "Willow Crafts Guangzhou", ["020-3866 5599", "+86 20 3866 5599"]);
    await onPhone(async () => {
      const groups = await finderGroups(1);
      await groups.getByTestId("duplicate-merge").click();
      await page.getByTestId("merge-choices").waitFor();
      await mergeKeepingClickedName("Willow Crafts", "Willow Crafts Guangzhou", "phone");
      await page.goto(newer);
      await expect
        .poll(() => page.getByRole("heading", { name: "Willow Crafts", exact: true }).count(), { timeout: 10_000 })
        .toBe(1);
    });
  });

  it("shows a pair sharing a name and a phone as one group in Chinese, on a phone, and dismisses it whole", async () => {
    await page.getByTestId("lang-switch").getByText("简体中文").click();
    await newPair("星辰科技", "星辰科技有限公司", ["021-5555 0101", "+86 21 5555 0101"]);
    await onPhone(async () => {
      const groups = await finderGroups(1);
      const matches = groups.getByTestId("duplicate-match");
      await expect.poll(() => matches.allTextContents()).toEqual(["名称：星辰科技", "电话：2155550101"]);
      for (const match of await matches.all()) await expectOnScreen(match);
      expect(await groups.getByText("2 条记录").count()).toBe(1);
      await groups.getByTestId("duplicate-dismiss").click();
      await expect.poll(() => groups.count(), { timeout: 10_000 }).toBe(0);

      // Both keys went with it: one dismissed group, listing both, and one Restore takes both back.
      await page.getByText("显示“不是重复”的组").click();
      await expect.poll(() => groups.count(), { timeout: 10_000 }).toBe(2);
      const pair = groups.filter({ hasText: "名称：星辰科技" });
      expect(await pair.getByTestId("duplicate-match").allTextContents()).toEqual([
        "名称：星辰科技",
        "电话：2155550101",
      ]);
      await pair.getByTestId("duplicate-restore").click();
      await expect.poll(() => groups.count(), { timeout: 10_000 }).toBe(1);
      await page.getByText("显示“不是重复”的组").click();
      await expect.poll(() => groups.count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => matches.allTextContents()).toEqual(["名称：星辰科技", "电话：2155550101"]);
      // Dismissed again, for the dismissed list below.
      await groups.getByTestId("duplicate-dismiss").click();
      await expect.poll(() => groups.count(), { timeout: 10_000 }).toBe(0);
    });
  });

  it("shows the finder and its rules in Chinese", async () => {
    await page.getByTestId("lang-switch").getByText("简体中文").click();
    await page.goto("/duplicates");
    await expect.poll(() => page.getByRole("heading", { name: "查重" }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByText("查重规则").count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByText("按当前规则没有疑似重复").count(), { timeout: 10_000 }).toBe(1);
    await page.getByText("显示“不是重复”的组").click();
    const group = page.getByTestId("duplicate-group").filter({ hasText: "电话：75528780808" });
    await expect.poll(() => group.count(), { timeout: 10_000 }).toBe(1);
    expect(await group.getByTestId("duplicate-match").allTextContents()).toEqual(["电话：75528780808"]);
    expect(await group.getByTestId("duplicate-dismissed-by").textContent()).toContain("标记为不是重复");
    // antd spaces out a two-character Chinese button label.
    expect(await group.getByTestId("duplicate-restore").textContent()).toMatch(/^恢\s?复$/);
  });
});
