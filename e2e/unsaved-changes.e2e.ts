import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, launchBrowser, newPage, type RunningRapport, setUpOverApi, signIn, startRapport } from "./server.ts";

// What a user typed is never lost or saved onto another record without asking: every way off the
// page (Ctrl+K, a sidebar link, Back, closing the tab) asks "Discard unsaved changes?" first, and
// a drawer edits only the record it names. On a phone, Back closes a drawer rather than the page.
let rapport: RunningRapport;
let browser: Browser;
let api: Awaited<ReturnType<typeof apiAs>>;

const admin = { email: "zhou.min@example.com", password: "a long passphrase" };
type Customer = { id: string; name: string; version: number; notes: string | null; ownerId: string | null };
type Contact = { id: string; version: number; notes: string | null };

beforeAll(async () => {
  rapport = await startRapport();
  await setUpOverApi(rapport.url, {
    organizationName: "星辰贸易",
    locale: "zh-CN",
    baseCurrency: "CNY",
    timeZone: "Asia/Shanghai",
    adminName: "周敏",
    adminEmail: admin.email,
    adminPassword: admin.password,
  });
  api = await apiAs(rapport.url, admin);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await rapport?.stop();
});

const languages = [
  {
    name: "zh-CN",
    switchLabel: "中文",
    prompt: "放弃未保存的更改？",
    keep: "继续编辑",
    edit: (name: string) => `编辑 ${name}`,
    log: "写跟进",
    tasksLink: "我的任务",
    customFields: "自定义字段",
    roles: "角色",
    users: "用户",
    optionLists: "选项列表",
    customers: "客户",
    saveAs: "另存为新视图…",
    names: { a: "武汉嘉禾商贸有限公司", b: "杭州星辰精密机械有限公司", contactA: "陈晓明", contactB: "刘思远" },
    twins: { names: ["宁波海曙五金有限公司", "宁波海曙五金"], phone: "0574-8730 1111" },
  },
  {
    name: "en",
    switchLabel: "English",
    prompt: "Discard unsaved changes?",
    keep: "Keep editing",
    edit: (name: string) => `Edit ${name}`,
    log: "Log follow-up",
    tasksLink: "My tasks",
    customFields: "Custom fields",
    roles: "Roles",
    users: "Users",
    optionLists: "Option lists",
    customers: "Customers",
    saveAs: "Save as new view…",
    twins: { names: ["Ningbo Hardware Co., Ltd.", "Ningbo Hardware"], phone: "0574-8730 2222" },
    names: {
      a: "Wuhan Harvest Trading",
      b: "Hangzhou Polaris Machinery",
      contactA: "Ada Byron",
      contactB: "Grace Murray",
    },
  },
] as const;

describe.each(languages)("unsaved input, in $name", (lang) => {
  let page: Page;
  let a: Customer;
  let b: Customer;
  let contactA: Contact;
  let contactB: Contact;
  /** Two customers with one phone, for the merge dialog. */
  let twins: Customer[];

  const prompt = () => page.locator(".ant-modal-confirm-title", { hasText: lang.prompt });
  const discard = () => page.getByTestId("discard-confirm");
  /** "Keep editing", then wait for the question to be gone (it fades out before it leaves the page). */
  const keepEditing = async () => {
    await page.getByRole("button", { name: lang.keep }).click();
    await expect.poll(() => prompt().count()).toBe(0);
  };
  const drawer = () => page.locator(".ant-drawer-open");
  const drawerTitle = () => drawer().locator(".ant-drawer-title").textContent();
  const heading = () => page.getByRole("heading", { level: 1 }).textContent();
  const customer = (id: string) => api<Customer>("GET", `/api/v1/customers/${id}`);
  const contact = (id: string) => api<Contact>("GET", `/api/v1/contacts/${id}`);
  const followUpsOf = async (customerId: string) =>
    (await api<{ data: { content: string }[] }>("GET", `/api/v1/follow-ups?customerId=${customerId}`)).data;
  /** Ctrl+K (a phone's search icon), the name, and a click on the hit: the way QA moved from A to B. */
  const searchAndOpen = async (name: string) => {
    if ((page.viewportSize()?.width ?? 0) < 768) await page.getByTestId("global-search-button").click();
    else await page.keyboard.press("Control+k");
    await page.getByTestId("global-search-input").fill(name);
    const hit = page.getByTestId("global-search-hit").filter({ hasText: name }).first();
    await hit.waitFor({ timeout: 10_000 });
    await hit.click();
  };
  const expectPath = (path: string) => expect.poll(() => new URL(page.url()).pathname).toBe(path);

  beforeAll(async () => {
    a = await api<Customer>("POST", "/api/v1/customers", { name: lang.names.a, notes: "A as saved" });
    b = await api<Customer>("POST", "/api/v1/customers", { name: lang.names.b, notes: "B as saved" });
    contactA = await api<Contact>("POST", "/api/v1/contacts", { name: lang.names.contactA, customerId: a.id });
    contactB = await api<Contact>("POST", "/api/v1/contacts", { name: lang.names.contactB, customerId: b.id });
    // One after the other: the older one stays by default.
    twins = [];
    for (const name of lang.twins.names) {
      twins.push(await api<Customer>("POST", "/api/v1/customers", { name, phone: lang.twins.phone }));
    }
    page = await newPage(browser, rapport.url);
    await signIn(page, admin, lang.switchLabel);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it("asks before Ctrl+K leaves a customer's edit drawer; keep editing stays on A with the text", async () => {
    await page.goto(`/customers/${a.id}`);
    await page.getByTestId("customer-edit").click();
    await page.locator("#customer_notes").fill("Typed for A, not saved");

    await searchAndOpen(lang.names.b);
    await expect.poll(() => prompt().isVisible()).toBe(true);
    await expectPath(`/customers/${a.id}`);

    await keepEditing();
    await expectPath(`/customers/${a.id}`);
    expect(await drawerTitle()).toBe(lang.edit(lang.names.a));
    expect(await page.locator("#customer_notes").inputValue()).toBe("Typed for A, not saved");
  });

  it("on discard goes to B with no drawer left open, and saves nothing to A", async () => {
    await searchAndOpen(lang.names.b);
    await discard().click();
    await expectPath(`/customers/${b.id}`);
    await expect.poll(heading).toBe(lang.names.b);
    expect(await drawer().count()).toBe(0);
    expect((await customer(a.id)).notes).toBe("A as saved");
    expect((await customer(a.id)).version).toBe(a.version);
  });

  it("asks before Back leaves B's edit drawer; after discard A's page edits A, and A and B are unchanged", async () => {
    await page.getByTestId("customer-edit").click();
    await expect.poll(drawerTitle).toBe(lang.edit(lang.names.b));
    await page.locator("#customer_notes").fill("Typed for B, not saved");

    await page.goBack();
    await expect.poll(() => prompt().isVisible()).toBe(true);
    await expectPath(`/customers/${b.id}`);
    await keepEditing();
    await expectPath(`/customers/${b.id}`);
    expect(await page.locator("#customer_notes").inputValue()).toBe("Typed for B, not saved");

    await page.goBack();
    await discard().click();
    await expectPath(`/customers/${a.id}`);
    await expect.poll(heading).toBe(lang.names.a);
    expect(await drawer().count()).toBe(0);
    expect((await customer(a.id)).version).toBe(a.version);
    expect((await customer(b.id)).version).toBe(b.version);
    expect((await customer(b.id)).notes).toBe("B as saved");

    // Opened again here, the drawer holds A, and saving writes to A alone.
    await page.getByTestId("customer-edit").click();
    await expect.poll(drawerTitle).toBe(lang.edit(lang.names.a));
    expect(await page.getByTestId("customer-name").inputValue()).toBe(lang.names.a);
    expect(await page.locator("#customer_notes").inputValue()).toBe("A as saved");
    await page.locator("#customer_notes").fill("A, saved on purpose");
    await page.getByTestId("customer-save").click();
    await expect.poll(async () => (await customer(a.id)).notes).toBe("A, saved on purpose");
    expect((await customer(b.id)).version).toBe(b.version);
    await expect.poll(() => drawer().count()).toBe(0);
  });

  it("asks the same on a contact's edit drawer, and discarding leaves the contact unchanged", async () => {
    await page.goto(`/contacts/${contactA.id}`);
    await page.getByTestId("contact-edit").click();
    await expect.poll(drawerTitle).toBe(lang.edit(lang.names.contactA));
    await page.locator("#contact_notes").fill("Typed for a contact");

    await searchAndOpen(lang.names.contactB);
    await expect.poll(() => prompt().isVisible()).toBe(true);
    await keepEditing();
    await expectPath(`/contacts/${contactA.id}`);
    expect(await page.locator("#contact_notes").inputValue()).toBe("Typed for a contact");

    await searchAndOpen(lang.names.contactB);
    await discard().click();
    await expectPath(`/contacts/${contactB.id}`);
    await expect.poll(heading).toBe(lang.names.contactB);
    expect(await drawer().count()).toBe(0);
    expect((await contact(contactA.id)).version).toBe(contactA.version);
    expect((await contact(contactB.id)).version).toBe(contactB.version);
  });

  it("asks before a sidebar link throws a half-written follow-up away", async () => {
    await page.goto(`/customers/${b.id}`);
    await page.getByTestId("follow-up-log").click();
    await page.getByTestId("follow-up-content").fill("Half a note about the visit");
    const tasksLink = page.locator(".ant-layout-sider").getByRole("link", { name: lang.tasksLink });

    await tasksLink.click();
    await expect.poll(() => prompt().isVisible()).toBe(true);
    await keepEditing();
    await expectPath(`/customers/${b.id}`);
    expect(await page.getByTestId("follow-up-content").inputValue()).toBe("Half a note about the visit");

    await tasksLink.click();
    await discard().click();
    await expectPath("/tasks");
    expect(await followUpsOf(b.id)).toEqual([]);
    // Back on the customer: no form, no draft, nothing logged.
    await page.goBack();
    await expectPath(`/customers/${b.id}`);
    await expect.poll(heading).toBe(lang.names.b);
    expect(await page.getByTestId("follow-up-form").count()).toBe(0);
  });

  it("has the browser ask before a tab with unsaved text closes", async () => {
    await page.getByTestId("follow-up-log").click();
    await page.getByTestId("follow-up-content").click();
    await page.keyboard.type("Typed before closing the tab");
    const dialog = new Promise<string>((resolve) =>
      page.once("dialog", (d) => {
        resolve(d.type());
        void d.dismiss();
      }),
    );
    await page.close({ runBeforeUnload: true });
    expect(await dialog).toBe("beforeunload");
    // Dismissed: the tab and the text stay.
    expect(page.isClosed()).toBe(false);
    expect(await page.getByTestId("follow-up-content").inputValue()).toBe("Typed before closing the tab");
    // Its own Cancel still asks (antd spaces out a two-character Chinese label: "取 消").
    await page
      .getByTestId("follow-up-form")
      .getByRole("button", { name: /^(Cancel|取\s?消)$/ })
      .click();
    await discard().click();
    await expect.poll(() => page.getByTestId("follow-up-form").count()).toBe(0);
  });

  it("asks before Back closes a task opened by its address (?task=), and on discard leaves it unsaved", async () => {
    const task = await api<{ id: string; version: number; title: string }>("POST", "/api/v1/tasks", {
      title: `${lang.names.a} · call back`,
    });
    await page.goto("/tasks?tab=all");
    await page.getByTestId("task-title-link").filter({ hasText: task.title }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("task")).toBe(task.id);
    await drawer().locator("#task_description").fill("Typed into the task");

    await page.goBack();
    await expect.poll(() => prompt().isVisible()).toBe(true);
    await keepEditing();
    expect(new URL(page.url()).searchParams.get("task")).toBe(task.id);
    expect(await drawer().locator("#task_description").inputValue()).toBe("Typed into the task");

    // Discarding goes back to the list the task was opened from, which closes it; nothing saved.
    await page.goBack();
    await discard().click();
    await expect.poll(() => new URL(page.url()).searchParams.get("task")).toBe(null);
    expect(new URL(page.url()).searchParams.get("tab")).toBe("all");
    await expect.poll(() => drawer().count()).toBe(0);
    expect((await api<{ version: number }>("GET", `/api/v1/tasks/${task.id}`)).version).toBe(task.version);
  });

  it("on a phone, Back closes the follow-up drawer; with text it asks, and discarding stays on the customer", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      // Reached inside the app, as a rep does: Back from a page opened by address leaves the app.
      await page.goto("/customers");
      await searchAndOpen(lang.names.a);
      await expectPath(`/customers/${a.id}`);
      const bar = page.getByTestId("customer-quick-actions");
      const content = drawer().getByTestId("follow-up-content");

      // Nothing typed: Back closes the drawer, and the customer stays.
      await bar.getByRole("button", { name: lang.log }).click();
      await content.waitFor();
      await page.goBack();
      await expect.poll(() => drawer().count()).toBe(0);
      await expectPath(`/customers/${a.id}`);
      expect(await prompt().count()).toBe(0);

      // Typed: Back asks; "keep editing" keeps the drawer and its text.
      await bar.getByRole("button", { name: lang.log }).click();
      await content.fill("Called from the car park");
      await page.goBack();
      await expect.poll(() => prompt().isVisible()).toBe(true);
      await keepEditing();
      await expectPath(`/customers/${a.id}`);
      expect(await content.inputValue()).toBe("Called from the car park");

      // "Discard": the drawer closes on the customer, and nothing is logged.
      await page.goBack();
      await discard().click();
      await expect.poll(() => drawer().count()).toBe(0);
      await expectPath(`/customers/${a.id}`);
      expect(await followUpsOf(a.id)).toEqual([]);

      // With no drawer open, Back leaves the page as usual.
      await page.goBack();
      await expectPath("/customers");
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it("on a phone, Back closes an untouched edit drawer and asks on a typed one", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await searchAndOpen(lang.names.b);
      await expectPath(`/customers/${b.id}`);
      await page.getByTestId("customer-edit").click();
      await expect.poll(drawerTitle).toBe(lang.edit(lang.names.b));
      await page.goBack();
      await expect.poll(() => drawer().count()).toBe(0);
      await expectPath(`/customers/${b.id}`);

      await page.getByTestId("customer-edit").click();
      await page.locator("#customer_notes").fill("Typed on the phone");
      await page.goBack();
      await expect.poll(() => prompt().isVisible()).toBe(true);
      await discard().click();
      await expect.poll(() => drawer().count()).toBe(0);
      await expectPath(`/customers/${b.id}`);
      expect((await customer(b.id)).version).toBe(b.version);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  // Admin drawers: a half-defined custom field or role.
  const adminForms = [
    {
      what: "custom field",
      menu: lang.customFields,
      path: "/admin/custom-fields",
      open: "field-new",
      typeInto: "field-label-en",
      saved: "/api/v1/custom-fields?objectType=customer",
    },
    {
      what: "role",
      menu: lang.roles,
      path: "/admin/roles",
      open: "role-new",
      typeInto: "role-name",
      saved: "/api/v1/roles",
    },
  ];
  it.each(adminForms)("asks before closing a half-defined $what, and on discard saves nothing", async (form) => {
    const typed = `Half-defined ${form.what} (${lang.name})`;
    const saved = async () => JSON.stringify(await api("GET", form.saved));
    // Opened from the menu, so that Back stays in the app (as it does for a user who clicked there).
    await page.goto("/tasks");
    await page.getByRole("menuitem", { name: form.menu }).click();
    await expectPath(form.path);
    await page.getByTestId(form.open).click();
    await page.getByTestId(form.typeInto).fill(typed);
    await drawer().locator(".ant-drawer-close").click();
    await expect.poll(() => prompt().isVisible()).toBe(true);
    await keepEditing();
    expect(await page.getByTestId(form.typeInto).inputValue()).toBe(typed);

    // Back, the way off the page a drawer's mask leaves open.
    await page.goBack();
    await expect.poll(() => prompt().isVisible()).toBe(true);
    await discard().click();
    await expectPath("/tasks");
    expect(await saved()).not.toContain(typed);
  });

  // Admin and record dialogs: whatever was typed or picked in them asks before it is thrown away.
  const dialog = () => page.locator(".ant-modal:not(.ant-modal-confirm):visible");
  // antd spaces out a two-character Chinese label: "取 消".
  const cancel = () => dialog().getByRole("button", { name: /^(Cancel|取\s?消)$/ });
  const menu = (name: string) => page.locator(".ant-layout-sider").getByRole("link", { name, exact: true });
  const typed = (what: string) => `Typed into the ${what} (${lang.name})`;
  /** Types into the dialog's field; says whether the text is still there. */
  const typing = (testId: string, what: string) => ({
    edit: () => page.getByTestId(testId).fill(typed(what)),
    edited: async () => (await page.getByTestId(testId).inputValue()) === typed(what),
  });
  const json = async (path: string) => JSON.stringify(await api("GET", path));
  const selectRow = (name: string) =>
    page.locator("tbody tr").filter({ hasText: name }).locator(".ant-table-selection-column input").check();
  /** In the merge dialog's table, the choice of a field's value (the record holding it). */
  const mergePick = (field: string, value: string) =>
    dialog()
      .locator("tbody .ant-radio-wrapper")
      .filter({ has: page.getByTestId(`merge-pick-${field}`) })
      .filter({ hasText: new RegExp(`^${value}$`) });
  // Each is reached inside the app from /tasks (`visit`), so that Back returns there.
  const dialogs = [
    {
      what: "option value",
      visit: () => menu(lang.optionLists).click(),
      open: () => page.getByTestId("option-value-new").click(),
      ...typing("option-label-zh", "option value"),
      state: () => json("/api/v1/option-lists"),
    },
    {
      what: "user",
      visit: () => menu(lang.users).click(),
      open: () => page.getByTestId("user-new").click(),
      ...typing("user-name", "user"),
      state: () => json("/api/v1/users"),
    },
    {
      what: "saved view",
      visit: () => menu(lang.customers).click(),
      open: async () => {
        await page.getByTestId("view-menu").click();
        await page.getByRole("menuitem", { name: lang.saveAs }).click();
      },
      ...typing("view-name", "saved view"),
      state: () => json("/api/v1/saved-views?objectType=customers"),
    },
    {
      what: "owner change",
      visit: () => searchAndOpen(lang.names.a),
      open: () => page.getByTestId("customer-transfer").click(),
      ...typing("owner-change-reason", "owner change"),
      state: () => json(`/api/v1/customers/${a.id}`),
    },
    {
      what: "bulk owner change",
      visit: async () => {
        await menu(lang.customers).click();
        await selectRow(lang.names.b);
      },
      open: () => page.getByTestId("bulk-transfer").click(),
      ...typing("owner-change-reason", "bulk owner change"),
      state: () => json(`/api/v1/customers/${b.id}`),
    },
    {
      what: "bulk tag",
      visit: async () => {
        await menu(lang.customers).click();
        await selectRow(lang.names.b);
      },
      open: () => page.getByTestId("bulk-add-tag").click(),
      edit: async () => {
        await page.getByTestId("bulk-tag").locator("input").fill(`tag-${lang.name}`);
        await page.keyboard.press("Enter");
      },
      edited: async () => (await page.getByTestId("bulk-tag").textContent())?.includes(`tag-${lang.name}`) ?? false,
      state: () => json(`/api/v1/customers/${b.id}`),
    },
    {
      what: "merge",
      visit: () => searchAndOpen(lang.twins.names[1]),
      open: async () => {
        await page.getByTestId("find-duplicates").click();
        // Loaded: the records' values are there to pick.
        await expect.poll(() => mergePick("name", lang.twins.names[0]).count(), { timeout: 10_000 }).toBe(1);
      },
      // The other record's name rather than the one the main record keeps by default.
      edit: () => mergePick("name", lang.twins.names[1]).click(),
      edited: () => mergePick("name", lang.twins.names[1]).getByRole("radio").isChecked(),
      state: async () => JSON.stringify(await Promise.all(twins.map((twin) => customer(twin.id)))),
    },
  ];
  // Each dialog in one of the two languages, taking turns: the guard is the same in all of them, and
  // both languages' prompts are checked on half of them (the table took 80 s of CI in both).
  const half = dialogs.filter((_, i) => i % languages.length === languages.indexOf(lang));
  it.each(half)("asks before closing a $what dialog with input, and closes an untouched one at once", async (d) => {
    const before = await d.state();
    await page.goto("/tasks");
    // Loaded, so that Ctrl+K finds the app listening.
    await page.getByRole("heading", { level: 1 }).waitFor();
    await d.visit();
    const path = new URL(page.url()).pathname;

    // Untouched: Cancel closes it without a question.
    await d.open();
    await cancel().click();
    await expect.poll(() => dialog().count()).toBe(0);
    expect(await prompt().count()).toBe(0);

    // Edited: ×, Esc and a click beside the dialog ask; "keep editing" keeps the input.
    await d.open();
    await d.edit();
    const closings = [
      () => dialog().locator(".ant-modal-close").click(),
      () => page.keyboard.press("Escape"),
      () => page.mouse.click(4, 4),
    ];
    for (const close of closings) {
      await close();
      await expect.poll(() => prompt().isVisible()).toBe(true);
      await keepEditing();
      expect(await d.edited()).toBe(true);
    }
    // Cancel asks too; "discard" closes it.
    await cancel().click();
    await discard().click();
    await expect.poll(() => dialog().count()).toBe(0);
    await expectPath(path);

    // Back, a way off the page, asks too; "discard" leaves with the dialog closed.
    await d.open();
    await d.edit();
    await page.goBack();
    await expect.poll(() => prompt().isVisible()).toBe(true);
    await discard().click();
    await expectPath("/tasks");
    await expect.poll(() => dialog().count()).toBe(0);
    expect(await d.state()).toBe(before);
  });

  it("once a typed option value or owner change is saved, closes it and leaves the page without asking", async () => {
    const released = await api<Customer>("POST", "/api/v1/customers", { name: `${lang.names.a} (released)` });
    /** × asks about the input; kept, then saved, it is gone without another question. */
    const saveAndLeave = async (ok: () => Promise<void>) => {
      await dialog().locator(".ant-modal-close").click();
      await expect.poll(() => prompt().isVisible()).toBe(true);
      await keepEditing();
      await ok();
      await expect.poll(() => dialog().count(), { timeout: 10_000 }).toBe(0);
      await menu(lang.tasksLink).click();
      await expectPath("/tasks");
      expect(await prompt().count()).toBe(0);
    };

    await menu(lang.optionLists).click();
    await page.getByTestId("option-value-new").click();
    await page.getByTestId("option-label-zh").fill(`已保存 (${lang.name})`);
    await saveAndLeave(() => dialog().locator(".ant-btn-primary").click());
    expect(await json("/api/v1/option-lists")).toContain(`已保存 (${lang.name})`);

    await searchAndOpen(released.name);
    await page.getByTestId("customer-release").click();
    await page.getByTestId("owner-change-reason").fill(typed("release"));
    await saveAndLeave(() => page.getByTestId("owner-change-ok").click());
    expect((await customer(released.id)).ownerId).toBe(null);
  });

  it("on a phone, where the merge dialog fills the screen, Back closes it and stays on the customer", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto("/tasks");
      await searchAndOpen(lang.twins.names[1]);
      const path = new URL(page.url()).pathname;
      const list = () => dialog().getByTestId("merge-choices");
      const otherName = () =>
        list()
          .locator(".ant-radio-wrapper")
          .filter({ has: page.getByTestId("merge-pick-name") })
          .filter({ hasText: `${lang.twins.names[1]} · ` });

      // Untouched: Back closes it at once.
      await page.getByTestId("find-duplicates").click();
      await otherName().waitFor({ timeout: 10_000 });
      await page.goBack();
      await expect.poll(() => dialog().count()).toBe(0);
      await expectPath(path);
      expect(await prompt().count()).toBe(0);

      // A value picked: Back asks, and "discard" closes it on the customer.
      await page.getByTestId("find-duplicates").click();
      await otherName().click();
      await page.goBack();
      await expect.poll(() => prompt().isVisible()).toBe(true);
      await discard().click();
      await expect.poll(() => dialog().count()).toBe(0);
      await expectPath(path);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it("on a tablet, where the role drawer fills the screen, Back closes it and stays on the roles", async () => {
    await page.setViewportSize({ width: 900, height: 800 });
    try {
      await page.goto("/tasks");
      await page.getByRole("menuitem", { name: lang.roles }).click();
      await expectPath("/admin/roles");
      await page.getByTestId("role-new").click();
      await page.getByTestId("role-name").fill(`Tablet role (${lang.name})`);
      await page.goBack();
      await expect.poll(() => prompt().isVisible()).toBe(true);
      await discard().click();
      await expect.poll(() => drawer().count()).toBe(0);
      await expectPath("/admin/roles");
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });
});
