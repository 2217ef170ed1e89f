// The requests each scenario sends, in rotation: the HTTP run sends them, the baseline replays their SQL.
import type { ApiRequest } from "./capture.ts";
import type { Seeded } from "./seed.ts";

export type Scenario = {
  name: string;
  /** Writes run after every read, so reads see the same rows through the API and the baseline. */
  writes: boolean;
  /** The n-th request: rotating over cursors, ids, terms. */
  request: (n: number) => ApiRequest;
  /** How many different requests the rotation holds; the baseline replays each one's SQL. */
  distinct: number;
  /** A value every request has its own of (the get's id): the replayed SQL takes the n-th in place of the first. */
  vary?: (n: number) => string;
};

/** Typed fragments of names, phones and addresses: two-character Chinese, longer Chinese, Latin. */
export const searchTerms = [
  "华信",
  "科技",
  "深圳瑞达",
  "贸易有限",
  "river",
  "harbor log",
  "golden anchor",
  "company123",
];
/**
 * What people type into the global search box: names with typos, Chinese words, phone digits
 * written their own way, emails, a contact's name, a name in pinyin (since 2026-11-24's fifth session).
 */
export const globalSearchTerms = [
  "华信",
  "深圳瑞达科技",
  "王芳",
  "golden anchr",
  "harbor logistcs",
  "139 1234",
  "contact123@example",
  "Emma Walker",
  "zhang wei",
];
export const listPath = "/api/v1/customers?level=A&sort=-updatedAt&limit=50";

const at = <T>(list: T[], n: number): T => {
  const item = list[n % list.length];
  if (item === undefined) throw new Error("empty rotation list");
  return item;
};

/** `cursors`: nextCursor of pages 1, 2, … of the list scenario. */
export function scenarios(s: Seeded, cursors: string[]): Scenario[] {
  const admin = (path: string, body?: string): ApiRequest => ({
    method: body ? "POST" : "GET",
    path,
    key: s.adminKey,
    ...(body ? { body } : {}),
  });
  return [
    { name: "list", writes: false, distinct: 1, request: () => admin(listPath) },
    {
      name: "list page 2+",
      writes: false,
      distinct: cursors.length,
      request: (n) => admin(`${listPath}&cursor=${at(cursors, n)}`),
    },
    {
      name: "list (manager scope)",
      writes: false,
      distinct: 1,
      request: () => ({ method: "GET", path: listPath, key: s.managerKey }),
    },
    {
      name: "get",
      writes: false,
      distinct: 1,
      request: (n) => admin(`/api/v1/customers/${at(s.sampleIds, n)}`),
      vary: (n) => at(s.sampleIds, n),
    },
    {
      name: "search",
      writes: false,
      distinct: searchTerms.length,
      request: (n) => admin(`/api/v1/customers?q=${encodeURIComponent(at(searchTerms, n))}&limit=50`),
    },
    {
      name: "global search",
      writes: false,
      distinct: globalSearchTerms.length,
      request: (n) => admin(`/api/v1/search?q=${encodeURIComponent(at(globalSearchTerms, n))}`),
    },
    {
      name: "timeline",
      writes: false,
      distinct: 1,
      request: () => admin(`/api/v1/customers/${s.busyCustomerId}/timeline?limit=50`),
    },
    {
      name: "create",
      writes: true,
      distinct: 1,
      request: (n) =>
        admin(
          "/api/v1/customers",
          JSON.stringify({
            name: n % 2 ? `Bench Customer ${n}` : `基准客户 ${n}`,
            industry: "technology",
            level: "B",
            tags: ["bench"],
            phone: "13800000000",
            email: `bench${n}@example.com`,
          }),
        ),
    },
  ];
}
