import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, launchBrowser, newPage, type RunningRapport, setUpOverApi, signIn, startRapport } from "./server.ts";

// A session that ends under a signed-in page (idle timeout, signed out in another tab) does not
// throw away what was typed: a dialog asks to sign in again over the page, and Save works again.
let rapport: RunningRapport;
let browser: Browser;
let api: Awaited<ReturnType<typeof apiAs>>;

const admin = { email: "lin.hui@example.com", password: "a long passphrase" };
const rep = { email: "zhao.lei@example.com", password: "another long passphrase", name: "赵磊" };
type Customer = { id: string; name: string; notes: string | null };

beforeAll(async () => {
  rapport = await startRapport();
  await setUpOverApi(rapport.url, {
    organizationName: "远航物流",
    locale: "zh-CN",
    baseCurrency: "CNY",
    timeZone: "Asia/Shanghai",
    adminName: "林慧",
    adminEmail: admin.email,
    adminPassword: admin.password,
  });
  api = await apiAs(rapport.url, admin);
  const roles = await api<{ data: { id: string; name: string }[] }>("GET", "/api/v1/roles");
  await api("POST", "/api/v1/users", {
    name: rep.name,
    email: rep.email,
    password: rep.password,
    roleIds: [roles.data.find((r) => r.name === "销售代表")?.id],
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await rapport?.stop();
});

/** Signing in hashes a password: on a busy machine it takes seconds, more than a poll's default. */
const wait = { timeout: 10_000 };

const languages = [
  {
    name: "zh-CN",
    switchLabel: "中文",
    ended: "登录已失效",
    wrong: "邮箱或密码错误。",
    log: "写跟进",
    customers: { edit: "青岛港湾冷链有限公司", nav: "厦门鹭岛包装有限公司", followUp: "成都天府仓储有限公司" },
  },
  {
    name: "en",
    switchLabel: "English",
    ended: "Your session has ended",
    wrong: "Wrong email or password.",
    log: "Log follow-up",
    customers: {
      edit: "Qingdao Harbour Cold Chain",
      nav: "Xiamen Egret Packaging",
      followUp: "Chengdu Tianfu Storage",
    },
  },
] as const;

describe.each(languages)("a session ending under the page, in $name", (lang) => {
  let page: Page;
  const customers: Record<keyof typeof lang.customers, Customer> = {} as never;

  const dialog = () => page.locator(".ant-modal").filter({ hasText: lang.ended });
  const dialogShown = () => dialog().isVisible();
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute("data-testid"));
  /** Ends the page's session for real, as signing out in another tab does. */
  const endSessionElsewhere = async () => {
    const session = await page.request.get("/api/v1/auth/session");
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const logout = await page.request.post("/api/v1/auth/logout", { headers: { "x-csrf-token": csrfToken } });
    expect(logout.status()).toBe(204);
    expect((await page.request.get("/api/v1/auth/session")).status()).toBe(401);
  };
  const signInAgain = async (password: string, email?: string) => {
    if (email) await dialog().getByTestId("login-email").fill(email);
    await dialog().getByTestId("login-password").fill(password);
    await dialog().getByTestId("login-submit").click();
  };
  const customer = (id: string) => api<Customer>("GET", `/api/v1/customers/${id}`);

  beforeAll(async () => {
    for (const [key, name] of Object.entries(lang.customers)) {
      customers[key as keyof typeof lang.customers] = await api<Customer>("POST", "/api/v1/customers", { name });
    }
    page = await newPage(browser, rapport.url);
    await signIn(page, admin, lang.switchLabel);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it("keeps a customer's edit drawer: sign in again (a wrong password first), Save again, saved", async () => {
    const { edit } = customers;
    await page.goto(`/customers/${edit.id}`);
    await page.getByTestId("customer-edit").click();
    const notes = page.locator("#customer_notes");
    const typed = `${lang.name}: a long note typed while the session ended, 冷链温控要求`;
    await notes.fill(typed);

    await endSessionElsewhere();
    await page.getByTestId("customer-save").click();
    await expect.poll(dialogShown, wait).toBe(true);
    expect(await dialog().getByTestId("login-email").inputValue()).toBe(admin.email);
    // The dialog tells it; no message beside it says it again (the failed save's error).
    await page.waitForTimeout(300);
    expect(await page.locator(".ant-message").filter({ hasText: lang.ended }).count()).toBe(0);
    await expect.poll(focused, wait).toBe("login-password");

    await signInAgain("not the password");
    await expect.poll(() => dialog().getByRole("alert").textContent(), wait).toBe(lang.wrong);
    expect(await dialogShown()).toBe(true);
    // The page is where it was; nothing was saved.
    expect(new URL(page.url()).pathname).toBe(`/customers/${edit.id}`);
    expect((await customer(edit.id)).notes).toBeNull();

    await signInAgain(admin.password);
    await expect.poll(dialogShown, wait).toBe(false);
    expect(await page.locator(".ant-modal:visible").count()).toBe(0);
    expect(await notes.inputValue()).toBe(typed);
    // The failed save was not sent again on its own.
    expect((await customer(edit.id)).notes).toBeNull();

    await page.getByTestId("customer-save").click();
    await expect.poll(() => page.locator(".ant-drawer-open").count(), wait).toBe(0);
    await expect.poll(() => page.locator("main").textContent(), wait).toContain(typed);
    expect((await customer(edit.id)).notes).toBe(typed);
  });

  it("opens one dialog for the several requests a page makes, then loads the page", async () => {
    const { nav } = customers;
    await page.goto("/customers");
    const link = page.getByRole("link", { name: nav.name, exact: true });
    await link.waitFor();

    await endSessionElsewhere();
    // The customer page asks for the customer, its contacts, timeline, tasks…: each answers 401.
    await link.click();
    await expect.poll(dialogShown, wait).toBe(true);
    await page.waitForLoadState("networkidle");
    expect(await page.locator(".ant-modal:visible").count()).toBe(1);
    expect(new URL(page.url()).pathname).toBe(`/customers/${nav.id}`);

    await signInAgain(admin.password);
    await expect.poll(dialogShown, wait).toBe(false);
    // What failed while signed out loads again.
    const heading = page.getByRole("heading", { level: 1, name: nav.name, exact: true });
    await expect.poll(() => heading.count(), wait).toBe(1);
  });

  it("on a phone, 'Sign out' in the dialog leaves for the login page", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`/customers/${customers.followUp.id}`);
      await page.getByTestId("customer-quick-actions").getByRole("button", { name: lang.log }).click();
      await page.getByTestId("follow-up-content").fill("Called about the cold room 冷库");

      await endSessionElsewhere();
      await page.getByTestId("follow-up-save").click();
      await expect.poll(dialogShown, wait).toBe(true);
      await expect.poll(focused, wait).toBe("login-password");
      // The whole dialog fits the phone's width.
      const box = await dialog().boundingBox();
      expect(box?.x).toBeGreaterThanOrEqual(0);
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);

      await dialog().getByTestId("session-ended-sign-out").click();
      await page.waitForURL(/\/login$/);
      expect(await page.getByTestId("follow-up-content").count()).toBe(0);
      // Not signed in: the app still sends a visitor to the login page.
      await page.goto("/customers");
      await page.waitForURL(/\/login$/);
      expect(await dialogShown()).toBe(false);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it("another user signing in over the page starts on the start page, with nothing of the first", async () => {
    // Signed out by the test before.
    if ((await page.request.get("/api/v1/auth/session")).status() === 401) await signIn(page, admin);
    const { edit } = customers;
    await page.goto(`/customers/${edit.id}`);
    await page.getByTestId("customer-edit").click();
    const typed = "Typed by the first user, not for the second";
    await page.locator("#customer_notes").fill(typed);

    await endSessionElsewhere();
    await page.getByTestId("customer-save").click();
    await expect.poll(dialogShown, wait).toBe(true);
    await signInAgain(rep.password, rep.email);

    await expect.poll(() => new URL(page.url()).pathname, wait).toBe("/customers");
    await expect.poll(() => page.getByRole("button", { name: new RegExp(rep.name) }).count(), wait).toBeGreaterThan(0);
    await expect.poll(dialogShown, wait).toBe(false);
    expect(await page.locator(".ant-drawer-open").count()).toBe(0);
    expect(await page.locator("#customer_notes").count()).toBe(0);
    const shown = await page.locator("body").textContent();
    expect(shown).not.toContain(typed);
    expect(shown).not.toContain(edit.name);
    // The rep's session works; the admin's record was not changed.
    const session = await page.request.get("/api/v1/auth/session");
    expect(((await session.json()) as { user: { email: string } }).user.email).toBe(rep.email);
    expect((await customer(edit.id)).notes).not.toBe(typed);
  });
});
