import { describe, expect, it } from "vitest";
import { translator } from "../../locales/translator";
import { memberLabel } from "./memberLabel";

describe("memberLabel", () => {
  it("shows a stored team member with its access in the reader's language", async () => {
    const zh = await translator("zh-CN");
    expect(memberLabel(zh, "王芳 (read)")).toBe("王芳（只读）");
    expect(memberLabel(zh, "王芳 (write)")).toBe("王芳（读写）");
    const t = await translator("en");
    expect(memberLabel(t, "Wang Fang (read)")).toBe("Wang Fang (read only)");
    expect(memberLabel(t, "Ann (Sales) (write)")).toBe("Ann (Sales) (read and write)");
    expect(memberLabel(t, "Someone")).toBe("Someone");
  });
});
