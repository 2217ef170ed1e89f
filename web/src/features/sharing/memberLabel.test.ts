import i18next from "i18next";
import { describe, expect, it } from "vitest";
import en from "../../locales/en.json";
import zhCN from "../../locales/zh-CN.json";
import { memberLabel } from "./memberLabel";

describe("memberLabel", () => {
  it("shows a stored team member with its access in the reader's language", async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: { en: { translation: en }, "zh-CN": { translation: zhCN } },
      lng: "zh-CN",
      interpolation: { escapeValue: false },
    });
    expect(memberLabel(i18n.t, "王芳 (read)")).toBe("王芳（只读）");
    expect(memberLabel(i18n.t, "王芳 (write)")).toBe("王芳（读写）");
    await i18n.changeLanguage("en");
    expect(memberLabel(i18n.t, "Wang Fang (read)")).toBe("Wang Fang (read only)");
    expect(memberLabel(i18n.t, "Ann (Sales) (write)")).toBe("Ann (Sales) (read and write)");
    expect(memberLabel(i18n.t, "Someone")).toBe("Someone");
  });
});
