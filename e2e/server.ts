import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { expect, inject } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export type RunningRapport = { url: string; stop(): Promise<void> };

/**
 * Starts `node server/src/main.ts start` on a new data directory, a copy of the one global-setup.ts
 * migrated, and waits until it is healthy.
 */
export async function startRapport(): Promise<RunningRapport> {
  if (!fs.existsSync(path.join(root, "web/dist/index.html"))) throw new Error("Build the web app first: npm run build");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-e2e-"));
  fs.cpSync(inject("migratedDataDir"), dataDir, { recursive: true });
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["server/src/main.ts", "start"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      RAPPORT_DATA_DIR: dataDir,
      RAPPORT_LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Rapport exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error("Rapport did not become healthy in 60 s");
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    async stop() {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    // Without these, Chromium reaches for Google's services, which this network refuses.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export async function newPage(browser: Browser, url: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  // As a user who asked their system for less motion: dialogs and menus open and close at once, so
  // that the tests wait for no animation (the app's own setting: providers.tsx).
  const context = await browser.newContext({ baseURL: url, viewport, locale: "en-US", reducedMotion: "reduce" });
  return context.newPage();
}

/** The setup page's first organization and its administrator, then the language of the rest. */
export async function setUpOrganization(
  page: Page,
  o: { organization: string; admin: string; email: string; language: "English" | "简体中文" },
): Promise<void> {
  await page.goto("/setup");
  await page.getByTestId("setup-org-name").fill(o.organization);
  await page.getByTestId("setup-admin-name").fill(o.admin);
  await page.getByTestId("setup-admin-email").fill(o.email);
  await page.getByTestId("setup-admin-password").fill("a long passphrase");
  await page.getByTestId("setup-submit").click();
  await page.waitForURL(/\/customers$/);
  await page.getByTestId("lang-switch").getByText(o.language).click();
}

/** Sets Rapport up over the API, as the setup page does; the run stops when it is refused. */
export async function setUpOverApi(baseUrl: string, body: Record<string, unknown>): Promise<void> {
  const setup = await fetch(`${baseUrl}/api/v1/setup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${await setup.text()}`);
}

/** Signs in on the login page, in `language` when given, and waits for the customer list. */
export async function signIn(page: Page, user: { email: string; password: string }, language?: string): Promise<void> {
  await page.goto("/login");
  if (language) await page.getByTestId("lang-switch").getByText(language).click();
  await page.getByTestId("login-email").fill(user.email);
  await page.getByTestId("login-password").fill(user.password);
  await page.getByTestId("login-submit").click();
  await page.waitForURL(/\/customers$/);
}

/** Signs in over the API and answers a fetch that carries the session, as an integration would. */
export async function apiAs(baseUrl: string, user: { email: string; password: string }) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(user),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        cookie,
        "x-csrf-token": csrfToken,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? null : await res.json()) as T;
  };
}

/**
 * Picks the option with the given text in an antd select (found by its label or test id), typing
 * the text first when `search` is set, and waits until the select shows it. On a loaded machine a
 * list redrawn under the click (options or search answers arriving) swallows it; then it tries again.
 */
export async function pickOption(select: Locator, text: string, opts: { search?: string } = {}): Promise<void> {
  const page = select.page();
  const root = select.locator("xpath=ancestor-or-self::*[contains(concat(' ', @class, ' '), ' ant-select ')][1]");
  const shown = async () => (await root.locator(`[title="${text.replaceAll('"', '\\"')}"]`).count()) > 0;
  for (let attempt = 0; attempt < 5 && !(await shown()); attempt++) {
    await select.click();
    if (opts.search) await page.keyboard.type(opts.search);
    const option = page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: text }).first();
    // Wait for the list to settle: the option present and the same for a moment.
    await option.waitFor({ timeout: 10_000 });
    await page.waitForTimeout(200);
    await option.click({ timeout: 5_000 }).catch(() => undefined);
    await page.waitForTimeout(100);
    if (!(await shown())) await page.keyboard.press("Escape");
  }
  if (!(await shown())) throw new Error(`could not pick ${text}`);
}

/**
 * Moves a sortable item from the keyboard as a screen-reader user would: focus its handle ("Move
 * <name>"), Space, one arrow per place, Space; each key once the last one's announcement is heard.
 */
export async function moveWithKeyboard(page: Page, name: string, move: { from: number; to: number; of: number }) {
  const announced = () => page.locator("[id^=DndLiveRegion]").textContent();
  await page.getByRole("button", { name: `Move ${name}`, exact: true }).focus();
  await page.keyboard.press("Space");
  await expect.poll(announced).toContain(`${name} is over position ${move.from} of ${move.of}`);
  // dnd-kit starts listening for arrows in a timer set at pick-up; a key pressed before that timer
  // runs is lost (it was, on a loaded CI machine). A timer set now runs after it.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve)));
  const step = move.to > move.from ? 1 : -1;
  for (let at = move.from + step; at !== move.to + step; at += step) {
    await page.keyboard.press(step > 0 ? "ArrowDown" : "ArrowUp");
    await expect.poll(announced).toContain(`${name} is over position ${at} of ${move.of}`);
  }
  await page.keyboard.press("Space");
  await expect.poll(announced).toContain(`${name} dropped at position ${move.to} of ${move.of}`);
}

/** A time as the organization's clock (Shanghai) shows it, hours and minutes. */
export const shanghaiClock = (iso: string) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Shanghai",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));

/**
 * Opens the date-time picker of `input`, then picks the next month's `day` and OK, the hour column
 * untouched, as a rep who picks only a day does. A drawer still sliding in closes a popup opened
 * under the move: it is opened until it stays.
 */
export async function pickInTheNextMonth(page: Page, input: Locator, day: number): Promise<void> {
  const popup = page.locator(".ant-picker-dropdown:visible");
  const nextMonth = async () => {
    if ((await popup.count()) === 0) await input.click();
    return popup
      .locator(".ant-picker-header-next-btn")
      .click({ timeout: 2_000 })
      .then(
        () => true,
        () => false,
      );
  };
  await expect.poll(nextMonth, { timeout: 15_000 }).toBe(true);
  await popup.locator("td.ant-picker-cell-in-view", { hasText: new RegExp(`^${day}$`) }).click();
  await popup.locator(".ant-picker-ok button").click();
}
