import type { Browser, ConsoleMessage, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiAs,
  launchBrowser,
  newPage,
  pickOption,
  type RunningRapport,
  setUpOverApi,
  signIn,
  startRapport,
} from "./server.ts";

let rapport: RunningRapport;
let browser: Browser;
let page: Page;

const admin = { email: "ada@example.com", password: "a long passphrase" };
const rep = { email: "grace@example.com", password: "another long passphrase" };
let repId = "";

async function signInAs(user: { email: string; password: string }, language: "English" | "中文") {
  await page.context().clearCookies();
  await signIn(page, user, language);
}

/**
 * The 404 answers and console errors while `action` runs: leaving a customer's page must not fetch
 * what the caller no longer sees. `action` ends once the next screen has loaded.
 */
async function problemsDuring(action: () => Promise<void>): Promise<string[]> {
  const problems: string[] = [];
  const onResponse = (response: Response) => {
    if (response.status() === 404) problems.push(`404 ${response.request().method()} ${response.url()}`);
  };
  const onConsole = (message: ConsoleMessage) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  };
  page.on("response", onResponse);
  page.on("console", onConsole);
  try {
    await action();
  } finally {
    page.off("response", onResponse);
    page.off("console", onConsole);
  }
  return problems;
}

beforeAll(async () => {
  rapport = await startRapport();
  await setUpOverApi(rapport.url, {
    organizationName: "Lovelace Engines",
    locale: "en",
    baseCurrency: "CNY",
    timeZone: "Asia/Shanghai",
    adminName: "Ada Lovelace",
    adminEmail: admin.email,
    adminPassword: admin.password,
  });
  const api = await apiAs(rapport.url, admin);
  const roles = await api<{ data: { id: string; name: string }[] }>("GET", "/api/v1/roles");
  const salesRep = roles.data.find((r) => r.name === "Sales rep")?.id;
  repId = (
    await api<{ id: string }>("POST", "/api/v1/users", {
      name: "Grace Hopper",
      email: rep.email,
      password: rep.password,
      roleIds: [salesRep],
    })
  ).id;
  for (const name of ["Analytical Engine Co", "Difference Engine Co", "Jacquard Looms"]) {
    const { id } = await api<{ id: string }>("POST", "/api/v1/customers", { name });
    if (name !== "Jacquard Looms") continue;
    // History a rep reads on its pool page, once it is released, before claiming it.
    await api("POST", "/api/v1/contacts", { name: "Joseph Jacquard", customerId: id });
    await api("POST", "/api/v1/follow-ups", {
      customerId: id,
      kind: "meeting",
      content: "Showed the punched-card loom; they wait for next year's budget",
    });
  }
  await api("POST", "/api/v1/customers", { name: "Babbage Pool Ltd", ownerId: null });
  browser = await launchBrowser();
  page = await newPage(browser, rapport.url);
});
afterAll(async () => {
  await browser?.close();
  await rapport?.stop();
});

describe("bulk actions, transfer, sharing and the public pool", () => {
  it("tags and transfers selected customers from the list, all at once", async () => {
    await signInAs(admin, "English");
    const rows = page.locator("tbody tr").filter({ hasText: "Engine Co" });
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    for (const row of await rows.all()) await row.locator(".ant-table-selection-column input").check();
    await expect.poll(() => page.getByTestId("bulk-count").textContent()).toBe("2 selected");
    await page.getByTestId("bulk-add-tag").click();
    await page.getByTestId("bulk-tag").locator("input").fill("steam");
    await page.keyboard.press("Enter");
    // Close the tag list's dropdown (it covers the dialog's buttons) before confirming.
    await page.locator(".ant-modal-title").click();
    await expect.poll(() => page.locator(".ant-select-dropdown:visible").count()).toBe(0);
    await page.getByTestId("bulk-tag-ok").click();
    const done = page.getByText("Done: 2 records");
    await done.waitFor();
    await expect.poll(() => page.locator("tbody tr").filter({ hasText: "steam" }).count()).toBe(2);
    // The notice goes by itself; the next action's own notice is then the only one.
    await done.waitFor({ state: "hidden", timeout: 15_000 });

    for (const row of await rows.all()) await row.locator(".ant-table-selection-column input").check();
    await page.getByTestId("bulk-transfer").click();
    await pickOption(page.getByTestId("transfer-owner"), "Grace Hopper");
    await page.getByTestId("owner-change-reason").fill("New territory");
    await page.getByTestId("owner-change-ok").click();
    await done.waitFor();
    await expect.poll(() => page.locator("tbody tr").filter({ hasText: "Grace Hopper" }).count()).toBe(2);
  });

  it("shares a customer with a colleague and releases it to the pool with a reason", async () => {
    await page.locator("tbody tr").filter({ hasText: "Jacquard Looms" }).getByRole("link").click();
    await page.waitForURL(/\/customers\/[0-9a-f-]+$/);
    const members = page.getByTestId("members-card");
    await pickOption(members.getByTestId("member-user"), "Grace Hopper");
    await members.getByTestId("member-add").click();
    await expect.poll(() => members.getByTestId("member").textContent()).toContain("Grace Hopper");

    // The edit form shows the owner without changing it: a transfer or a release keeps a reason.
    await page.getByTestId("customer-edit").click();
    const hint = page.getByText("To change the owner, use Transfer or Release to pool");
    await hint.waitFor();
    const ownerItem = page.locator(".ant-form-item").filter({ has: hint });
    expect(await ownerItem.locator(".ant-select-disabled").count()).toBe(1);
    await page.keyboard.press("Escape");
    await hint.waitFor({ state: "hidden" });

    // Transferring to the owner would change nothing: the field says so, and nothing is sent.
    await page.getByTestId("customer-transfer").click();
    await pickOption(page.getByTestId("transfer-owner"), "Ada Lovelace");
    await page.getByTestId("owner-change-reason").fill("No change");
    await page.getByTestId("owner-change-ok").click();
    await page.getByText("Already the owner").waitFor();
    // The typed reason is not thrown away without asking.
    await page.locator(".ant-modal").getByRole("button", { name: "Cancel" }).click();
    await page.getByTestId("discard-confirm").click();
    await expect.poll(() => page.locator(".ant-modal:visible").count()).toBe(0);

    // The administrator still sees it: the page stays, refreshed, and nothing fails on the way.
    const problems = await problemsDuring(async () => {
      await page.getByTestId("customer-release").click();
      await page.getByTestId("owner-change-reason").fill("Looms are out of budget");
      await page.getByTestId("owner-change-ok").click();
      await page.getByText("Released to the pool").waitFor();
      // The history says who, and why.
      await page.getByTestId("timeline").getByText("Looms are out of budget").waitFor();
    });
    expect(problems).toEqual([]);
    expect(page.url()).toMatch(/\/customers\/[0-9a-f-]+$/);
  });

  it("lets an administrator set the claim limit and a reclaim rule", async () => {
    await page.goto("/admin/pool");
    await page.getByTestId("pool-limit").fill("3");
    await page.getByTestId("pool-rule-add").click();
    await page.getByTestId("pool-rules-save").click();
    await page.getByText("Pool rules saved").waitFor();
  });

  it("shows the pool to a sales rep in Chinese, who claims from it within the limit", async () => {
    await signInAs(rep, "中文");
    await page.getByRole("menuitem", { name: "公海" }).click();
    await page.waitForURL(/\/pool$/);
    await page.getByRole("heading", { name: "公海" }).waitFor();
    // Two transferred customers are the rep's; the limit of 3 leaves one claim.
    await expect.poll(() => page.getByTestId("pool-allowance").textContent()).toContain("你负责 2 个客户，上限 3 个");
    // Before claiming, the rep sees why a customer was released and whose it was.
    const looms = page.locator("tbody tr").filter({ hasText: "Jacquard Looms" });
    await expect
      .poll(() => looms.getByTestId("pool-release-reason").textContent(), { timeout: 10_000 })
      .toBe("Looms are out of budget");
    expect(await looms.textContent()).toContain("Ada Lovelace");
    for (const header of ["退回原因", "原负责人", "最近跟进"]) {
      expect(await page.locator("thead th").filter({ hasText: header }).count(), header).toBe(1);
    }
    // On a 1440 px screen every column is in sight: none slides under the sticky actions column.
    await page.setViewportSize({ width: 1440, height: 900 });
    const headerBox = (text: string) => page.locator("thead th").filter({ hasText: text }).first().boundingBox();
    await expect
      .poll(async () => {
        const [since, actions] = [await headerBox("进入公海时间"), await headerBox("操作")];
        return since && actions ? since.x + since.width <= actions.x + 1 : false;
      })
      .toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });
    const rows = page.locator("tbody tr").filter({ hasText: "Pool Ltd" });
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    await rows.getByTestId("pool-claim").click();
    await page.waitForURL(/\/customers\/[0-9a-f-]+$/);
    await page.getByRole("heading", { name: "Babbage Pool Ltd" }).waitFor();
    expect(repId).not.toBe("");
  });

  it("shows a customer shared read-only without the actions that would change it", async () => {
    const api = await apiAs(rapport.url, admin);
    const mills = await api<{ id: string }>("POST", "/api/v1/customers", { name: "Read Only Mills" });
    const share = (access: "read" | "write") =>
      api("PUT", `/api/v1/customers/${mills.id}/members/${repId}`, { access });
    await share("read");
    await page.goto(`/customers/${mills.id}`);
    // Logging a follow-up only needs to see the customer: it stays.
    await page.getByTestId("follow-up-log").waitFor();
    for (const action of ["customer-edit", "customer-delete", "customer-release", "customer-transfer", "member-add"]) {
      expect(await page.getByTestId(action).count(), action).toBe(0);
    }
    await share("write");
    await page.reload();
    await page.getByTestId("customer-edit").waitFor();
    // Editing is not giving away: not the owner, and no "transfer", so no release.
    expect(await page.getByTestId("customer-release").count()).toBe(0);

    // A rep who may not add tags, typing one the list lacks, is told where tags come from.
    await page.getByTestId("customer-edit").click();
    await page.getByTestId("customer-tags").click();
    await page.keyboard.type("投标中");
    await expect
      .poll(() => page.getByTestId("customer-tags-none").textContent(), { timeout: 10_000 })
      .toBe("没有这个标签。标签来自管理员维护的列表，请联系管理员添加。");
    await page.keyboard.press("Escape");
    await page.reload();
  });

  it("fits a laptop's width: at 1280 px the pool's columns show without scrolling sideways", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const sideways = async () => {
      await page.goto("/pool");
      await page.locator("tbody tr").filter({ hasText: "Jacquard Looms" }).waitFor();
      return page
        .locator(".ant-table-content, .ant-table-body")
        .first()
        .evaluate((e) => e.scrollWidth - e.clientWidth);
    };
    expect(await sideways()).toBeLessThanOrEqual(1);
    await signInAs(rep, "English");
    expect(await sideways()).toBeLessThanOrEqual(1);
    await signInAs(rep, "中文");
  });

  it("works on a phone-sized screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/pool");
    await page.getByRole("heading", { name: "公海" }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    // No room for the context columns: the reason, the previous owner and the last follow-up go under the name.
    const looms = page.locator("tbody tr").filter({ hasText: "Jacquard Looms" });
    await expect
      .poll(() => looms.getByTestId("pool-context").textContent(), { timeout: 10_000 })
      .toMatch(/^Looms are out of budget · 原负责人：Ada Lovelace · 最近跟进：\d{4}/);
  });

  it("opens a pool customer from the pool, shows its history read only, and claims it from there", async () => {
    await page.locator("tbody tr").filter({ hasText: "Jacquard Looms" }).getByTestId("pool-open").click();
    await page.waitForURL(/\/pool\/[0-9a-f-]+$/);
    await page.getByRole("heading", { name: "Jacquard Looms" }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expect(await page.getByTestId("pool-customer-reason").textContent()).toBe("Looms are out of budget");
    expect(await page.getByTestId("pool-customer-context").textContent()).toContain("Ada Lovelace");
    await page.getByTestId("pool-customer-contact").filter({ hasText: "Joseph Jacquard" }).waitFor();
    // The past follow-up, and the release with its reason, on the timeline; nothing to edit or log.
    await page
      .getByTestId("timeline")
      .getByText("Showed the punched-card loom; they wait for next year's budget")
      .waitFor();
    await page.getByTestId("timeline").getByText("Looms are out of budget").waitFor();
    for (const action of ["follow-up-log", "follow-up-edit", "customer-edit", "customer-contact-add"]) {
      expect(await page.getByTestId(action).count(), action).toBe(0);
    }

    // At the claim limit (3, reached by the claim above): Claim is off, and the page says why.
    const claim = page.getByTestId("pool-customer-claim");
    expect(await claim.isDisabled()).toBe(true);
    expect(await page.getByTestId("pool-customer-notice").textContent()).toContain("已达上限（3 个）");
    const api = await apiAs(rapport.url, admin);
    const settings = await api<{ version: number; reclaimRules: unknown[] }>("GET", "/api/v1/pool/settings");
    await api("PUT", "/api/v1/pool/settings", {
      version: settings.version,
      maxOwnedCustomers: 4,
      reclaimRules: settings.reclaimRules,
    });

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.reload();
    await expect.poll(() => claim.isEnabled(), { timeout: 10_000 }).toBe(true);
    await claim.click();
    await page.waitForURL(/\/customers\/[0-9a-f-]+$/);
    await page.getByRole("heading", { name: "Jacquard Looms" }).waitFor();
    // Now the rep's: the follow-up log is there.
    await page.getByTestId("follow-up-log").waitFor();
  });

  it("takes a rep from the page of a customer they released to the pool, without asking for it again", async () => {
    await page.goto("/customers");
    await page.locator("tbody tr").filter({ hasText: "Analytical Engine Co" }).getByRole("link").click();
    await page.waitForURL(/\/customers\/[0-9a-f-]+$/);
    await page.getByTestId("members-card").waitFor();
    await page.getByTestId("timeline").waitFor();
    // Out of the rep's sight once released: its page, members and timeline would each answer 404.
    const problems = await problemsDuring(async () => {
      await page.getByTestId("customer-release").click();
      await page.getByTestId("owner-change-reason").fill("换了采购负责人");
      await page.getByTestId("owner-change-ok").click();
      await page.waitForURL(/\/pool$/);
      const engine = page.locator("tbody tr").filter({ hasText: "Analytical Engine Co" });
      await expect
        .poll(() => engine.getByTestId("pool-release-reason").textContent(), { timeout: 10_000 })
        .toBe("换了采购负责人");
    });
    expect(problems).toEqual([]);
    // Going back finds the customer gone, not its page as it was.
    await page.goBack();
    await page.getByText("未找到", { exact: false }).first().waitFor();
  });

  it("keeps a department manager on the page of a customer given to a colleague in the department", async () => {
    const api = await apiAs(rapport.url, admin);
    const east = await api<{ id: string }>("POST", "/api/v1/departments", { name: "East" });
    const role = await api<{ id: string }>("POST", "/api/v1/roles", {
      name: "Department manager",
      permissions: {
        customers: { actions: ["view", "create", "edit", "transfer"], scope: "department" },
        contacts: { actions: ["view", "create", "edit"], scope: "department" },
        followUps: { actions: ["view", "create", "edit"], scope: "department" },
        tasks: { actions: ["view", "create", "edit"], scope: "department" },
      },
    });
    const manager = { email: "mary@example.com", password: "a manager's passphrase" };
    for (const [name, email, password] of [
      ["Mary Somerville", manager.email, manager.password],
      ["Charles Wheatstone", "charles@example.com", "a colleague's passphrase"],
    ]) {
      await api("POST", "/api/v1/users", { name, email, password, departmentId: east.id, roleIds: [role.id] });
    }
    await signInAs(manager, "English");
    await page.getByTestId("customer-new").click();
    await page.getByTestId("customer-name").fill("Electric Telegraph Co");
    await page.getByTestId("customer-save").click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    const customerPage = page.url();
    await page.getByTestId("timeline").waitFor();
    // The details card's row that names the owner.
    const owner = page
      .locator(".ant-descriptions-row")
      .filter({ has: page.locator(".ant-descriptions-item-label", { hasText: /^Owner$/ }) });
    await expect.poll(() => owner.textContent()).toContain("Mary Somerville");

    // The colleague's customer is still in the manager's department: the page stays, refreshed, with no 404.
    const problems = await problemsDuring(async () => {
      await page.getByTestId("customer-transfer").click();
      await pickOption(page.getByTestId("transfer-owner"), "Charles Wheatstone");
      await page.getByTestId("owner-change-reason").fill("Charles covers the telegraph lines");
      await page.getByTestId("owner-change-ok").click();
      await page.getByText("Transferred", { exact: true }).waitFor();
      await expect.poll(() => owner.textContent(), { timeout: 10_000 }).toContain("Charles Wheatstone");
      await page.getByTestId("timeline").getByText("Charles covers the telegraph lines").waitFor();
    });
    expect(problems).toEqual([]);
    expect(page.url()).toBe(customerPage);
  });
});
