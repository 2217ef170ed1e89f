import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
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

/** Opens an antd select by its label or test id and picks the option with the given text. */
async function pick(select: ReturnType<Page["getByTestId"]>, option: string) {
  await select.click();
  await page.keyboard.type(option);
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: option }).first().click();
}

const rows = () => page.locator(".ant-table-tbody tr.ant-table-row");
/** A value's drag handle on the option lists page, by its label in the UI language. */
const handle = (name: string, verb = "Move") => page.getByRole("button", { name: `${verb} ${name}`, exact: true });

/** Adds an option value through the API in a session of its own, as a second administrator would. */
async function addValueElsewhere(listKey: string, value: { labelZh: string; labelEn: string }) {
  const login = await fetch(`${rapport.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "ada@example.com", password: "a long passphrase" }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const res = await fetch(`${rapport.url}/api/v1/option-lists/${listKey}/values`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
    body: JSON.stringify(value),
  });
  expect(res.status).toBe(201);
}

/** Drags with the mouse from one element's centre to another's, in small steps as a hand would. */
async function dragTo(from: Locator, to: Locator) {
  const start = await from.boundingBox();
  const end = await to.boundingBox();
  if (!start || !end) throw new Error("not on screen");
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(start.x + start.width / 2, end.y + end.height / 2, { steps: 20 });
  await page.mouse.up();
}

/** Drags by touch (hold, then move), as on a phone, through the browser's touch input. */
async function touchDragTo(from: Locator, to: Locator) {
  const start = await from.boundingBox();
  const end = await to.boundingBox();
  if (!start || !end) throw new Error("not on screen");
  const cdp = await page.context().newCDPSession(page);
  const x = start.x + start.width / 2;
  const fromY = start.y + start.height / 2;
  const toY = end.y + end.height / 2;
  const touch = (type: "touchStart" | "touchMove" | "touchEnd", y: number) =>
    cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x, y }] });
  await touch("touchStart", fromY);
  await page.waitForTimeout(300); // the hold that tells a drag from a scroll
  for (let i = 1; i <= 10; i++) await touch("touchMove", fromY + ((toY - fromY) * i) / 10);
  await touch("touchEnd", toY);
  await cdp.detach();
}

describe("option lists and saved views, in the browser", () => {
  it("sets up an organization", async () => {
    await setUpOrganization(page, {
      organization: "Views Co",
      admin: "Ada Lovelace",
      email: "ada@example.com",
      language: "English",
    });
  });

  it("lets the administrator add a value to a list and archive another", async () => {
    await page.getByRole("menuitem", { name: "Option lists" }).click();
    await page.waitForURL(/\/admin\/option-lists$/);
    await expect.poll(() => page.getByText("Professional services").count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId("option-value-new").click();
    await page.getByTestId("option-label-zh").fill("农业");
    await page.getByTestId("option-label-en").fill("Agriculture");
    await page.getByRole("button", { name: "Save" }).click();
    const agriculture = page.getByRole("row", { name: /Agriculture/ });
    await expect.poll(() => agriculture.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => agriculture.textContent()).toContain("agriculture");

    const media = page.getByRole("row", { name: /Media/ });
    await media.getByRole("button", { name: "Archive" }).click();
    await expect.poll(() => media.textContent(), { timeout: 10_000 }).toContain("Archived");
  });

  it("reorders a list by dragging a value's handle, or from the keyboard, and keeps the order", async () => {
    await page.setViewportSize({ width: 1280, height: 1200 }); // the whole list on screen
    await dragTo(handle("Agriculture"), rows().first());
    await expect.poll(() => rows().first().textContent(), { timeout: 10_000 }).toContain("Agriculture");
    await moveWithKeyboard(page, "Technology", { from: 2, to: 3, of: 14 });
    await expect.poll(() => rows().nth(2).textContent(), { timeout: 10_000 }).toContain("Technology");

    await page.reload();
    await expect.poll(() => rows().first().textContent(), { timeout: 10_000 }).toContain("Agriculture");
    expect(await rows().nth(1).textContent()).toContain("Manufacturing");
    expect(await rows().nth(2).textContent()).toContain("Technology");

    // Meanwhile another session adds a value: this page's order no longer names every value, so
    // the drop is refused, the user is told, and the list comes back as saved.
    await addValueElsewhere("customer.industry", { labelZh: "矿业", labelEn: "Mining" });
    await dragTo(handle("Other"), rows().first());
    await expect
      .poll(() => page.locator(".ant-message-error").textContent(), { timeout: 10_000 })
      .toContain("changed elsewhere in the meantime");
    await expect.poll(() => rows().last().textContent(), { timeout: 10_000 }).toContain("Mining");
    expect(await rows().first().textContent()).toContain("Agriculture");
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("offers the list's active values in the customer form and shows the label on the customer", async () => {
    await page.getByRole("menuitem", { name: "Customers" }).click();
    for (const [name, industry] of [
      ["Green Acres Farm", "Agriculture"],
      ["Steel Works", "Manufacturing"],
    ] as const) {
      await page.getByTestId("customer-new").click();
      await page.getByTestId("customer-name").fill(name);
      const select = page.locator(".ant-drawer").getByLabel("Industry", { exact: true });
      await select.click();
      await page.keyboard.type("Med");
      await expect.poll(() => page.locator(".ant-select-dropdown:visible").textContent()).not.toContain("Media");
      for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
      await page.keyboard.type(industry);
      await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: industry }).first().click();
      await page.getByTestId("customer-save").click();
      await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.getByText(industry).count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await page.goto("/customers");
    }
  });

  it("saves the filtered list with its columns as a view that a link opens again", async () => {
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(2);
    await pick(page.getByTestId("customer-filter-industry"), "Agriculture");
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);

    await page.getByTestId("column-chooser").click();
    await page.locator(".ant-popover:visible").getByText("Source", { exact: true }).click();
    await expect.poll(() => page.getByRole("columnheader", { name: "Source" }).count()).toBe(1);
    const headers = () => page.getByRole("columnheader").allTextContents();
    expect((await headers()).at(-1)).toBe("Source");
    // A shown column moves by its handle, here from the keyboard: one place up, before the last one.
    await moveWithKeyboard(page, "Source", { from: 9, to: 8, of: 9 });
    await expect.poll(async () => (await headers()).at(-2)).toBe("Source");
    await page.getByTestId("column-chooser").click();

    await page.getByTestId("view-menu").click();
    await page.getByRole("menuitem", { name: "Save as new view…" }).click();
    await page.getByTestId("view-name").fill("Farms 农场");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/[?&]view=[0-9a-f-]{36}/);
    const viewUrl = new URL(page.url());
    const viewId = viewUrl.searchParams.get("view");
    expect(viewUrl.searchParams.get("industry")).toBe("agriculture");

    await pick(page.getByTestId("view-switcher"), "All records");
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(2);
    expect(new URL(page.url()).searchParams.get("view")).toBeNull();

    // A link naming only the view opens it with its filters and columns.
    await page.goto(`/customers?view=${viewId}`);
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => new URL(page.url()).searchParams.get("industry")).toBe("agriculture");
    await expect.poll(async () => (await headers()).at(-2)).toBe("Source");
    await expect.poll(() => page.getByTestId("view-switcher").textContent()).toContain("Farms 农场");
  });

  it("opens the list with the default view, and shows option labels in Chinese", async () => {
    await page.getByTestId("view-menu").click();
    await page.getByRole("menuitem", { name: "Open the list with this view" }).click();
    await expect.poll(() => page.getByTestId("view-switcher").getByLabel("Default view").count()).toBe(1);
    await page.goto("/customers");
    await expect.poll(() => new URL(page.url()).searchParams.get("view"), { timeout: 10_000 }).not.toBeNull();
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);

    await page.getByTestId("lang-switch").getByText("简体中文").click();
    await expect.poll(() => rows().first().textContent(), { timeout: 10_000 }).toContain("农业");
    await page.getByTestId("view-menu").click();
    await page.getByRole("menuitem", { name: "删除视图" }).click();
    await page.getByRole("button", { name: /^删\s?除$/ }).click();
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(2);
  });

  it("shows the option lists in Chinese at phone width, reorderable by touch", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/admin/option-lists");
    await expect.poll(() => page.getByRole("heading", { name: "选项列表" }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => rows().first().textContent(), { timeout: 10_000 }).toContain("农业");
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    expect(await page.getByText("按住值前的拖动手柄拖动").count()).toBe(1);

    // In the middle of the screen: near an edge, dnd-kit scrolls the page under the finger and the
    // row goes further than the finger moved.
    await handle("农业", "移动").evaluate((element) => element.scrollIntoView({ block: "center" }));
    await touchDragTo(handle("农业", "移动"), rows().nth(1));
    await expect.poll(() => rows().nth(1).textContent(), { timeout: 10_000 }).toContain("农业");
    await page.reload();
    await expect.poll(() => rows().first().textContent(), { timeout: 10_000 }).toContain("制造业");
    expect(await rows().nth(1).textContent()).toContain("农业");
  });

  it("adds a value named in Chinese only, its English name the same until translated", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId("option-value-new").click();
    await page.getByTestId("option-label-zh").fill("渔业");
    await page.getByRole("button", { name: /^保\s?存$/ }).click();
    const fishery = page.getByRole("row", { name: /渔业/ });
    await expect.poll(() => fishery.count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId("lang-switch").getByText("English").click();
    await expect.poll(() => page.getByRole("row", { name: /渔业/ }).count(), { timeout: 10_000 }).toBe(1);
  });
});
