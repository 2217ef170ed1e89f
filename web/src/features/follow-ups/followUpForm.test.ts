import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import type { FollowUp } from "./api";
import { toFormValues, toUpdateInput } from "./followUpForm";

const zone = "Asia/Shanghai";
const saved: FollowUp = {
  id: "0199a000-0000-7000-8000-000000000001",
  version: 3,
  createdAt: "2026-11-20T02:00:00.000Z",
  updatedAt: "2026-11-20T02:00:00.000Z",
  customerId: "0199a000-0000-7000-8000-000000000002",
  customerName: "何建国的公司",
  // The second contact is one the caller cannot see (or one since trashed): the server leaves it out of `contacts`.
  contactIds: ["0199a000-0000-7000-8000-000000000003", "0199a000-0000-7000-8000-000000000004"],
  contacts: [{ id: "0199a000-0000-7000-8000-000000000003", name: "何建国" }],
  kind: "call",
  occurredAt: "2026-11-20T02:12:34.567Z",
  content: "电话沟通了产品演示安排",
  outcome: null,
  nextFollowUpAt: "2026-11-25T02:00:00.000Z",
  nextFollowUpOpen: true,
  ownerId: null,
  ownerName: null,
  departmentId: null,
  deletedAt: null,
};

describe("editing a follow-up", () => {
  it("sends only the version when nothing was changed, down to the seconds of its time", () => {
    expect(toUpdateInput(toFormValues(saved, zone), saved, zone)).toEqual({ version: 3 });
  });

  it("sends the fixed text and the moved next follow-up, and leaves the contacts alone", () => {
    const values = {
      ...toFormValues(saved, zone),
      content: "电话沟通了产品演示安排，客户同意试用",
      nextFollowUpAt: dayjs("2026-11-26T10:00:00"),
      outcome: "  ",
    };
    expect(toUpdateInput(values, saved, zone)).toEqual({
      version: 3,
      content: "电话沟通了产品演示安排，客户同意试用",
      nextFollowUpAt: "2026-11-26T02:00:00.000Z",
    });
  });

  it("clears the next follow-up and sends contacts once the user changed them", () => {
    const values = { ...toFormValues(saved, zone), nextFollowUpAt: null, contactIds: [] };
    expect(toUpdateInput(values, saved, zone)).toEqual({ version: 3, nextFollowUpAt: null, contactIds: [] });
  });
});
