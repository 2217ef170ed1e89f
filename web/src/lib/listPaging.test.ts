import { describe, expect, it } from "vitest";
import { linkTo, nextPage, previousPage, readPage, withoutPage } from "./listPaging";

const url = (search: string) => new URLSearchParams(search);

/** Follows a link as the browser would: its search becomes the URL, its state the history entry's. */
const follow = (params: URLSearchParams, target: Parameters<typeof linkTo>[1]) => {
  const { search, state } = linkTo(params, target);
  return { params: search, state, page: readPage(search, state) };
};

describe("a list's page in the URL", () => {
  it("is the first page without a cursor, whatever page number the URL says", () => {
    expect(readPage(url("kind=company"), null)).toEqual({ cursor: undefined, page: 1, earlier: [] });
    expect(readPage(url("page=4"), null)).toEqual({ cursor: undefined, page: 1, earlier: [] });
  });

  it("goes forward and back through the history state, keeping the other parameters", () => {
    const start = url("kind=company&custom.tier=gold&view=v1");
    const second = follow(start, nextPage(readPage(start, null), "c2"));
    expect(second.params.toString()).toBe("kind=company&custom.tier=gold&view=v1&page=2&cursor=c2");
    expect(second.page).toEqual({ cursor: "c2", page: 2, earlier: [] });
    const third = follow(second.params, nextPage(second.page, "c3"));
    expect(third.page).toEqual({ cursor: "c3", page: 3, earlier: ["c2"] });
    expect(third.params.get("page")).toBe("3");
    const back = follow(third.params, previousPage(third.page));
    expect(back.page).toEqual({ cursor: "c2", page: 2, earlier: [] });
    const first = follow(back.params, previousPage(back.page));
    expect(first.page).toEqual({ cursor: undefined, page: 1, earlier: [] });
    expect(first.params.toString()).toBe("kind=company&custom.tier=gold&view=v1");
    expect(first.state).toBeNull();
  });

  it("opened from a bare link, shows the page it names and goes back to the first", () => {
    const link = url("q=acme&page=3&cursor=c3");
    const page = readPage(link, null);
    expect(page).toEqual({ cursor: "c3", page: 3, earlier: [] });
    expect(previousPage(page)).toEqual({ cursor: undefined, page: 1, earlier: [] });
    // Onward from there, "previous" knows the way back to that page again.
    const fourth = nextPage(page, "c4");
    expect(fourth).toEqual({ cursor: "c4", page: 4, earlier: ["c3"] });
    expect(previousPage(fourth)).toEqual({ cursor: "c3", page: 3, earlier: [] });
  });

  it("ignores a history state that belongs to another page, and a page number that cannot be", () => {
    const state = { listPaging: { cursor: "other", earlier: ["x", "y"] } };
    expect(readPage(url("page=5&cursor=c5"), state)).toEqual({ cursor: "c5", page: 5, earlier: [] });
    expect(readPage(url("page=nonsense&cursor=c2"), null).page).toBe(2);
    expect(readPage(url("page=1&cursor=c2"), null).page).toBe(2);
    expect(readPage(url("cursor=c4"), { listPaging: { cursor: "c4", earlier: ["c2", "c3"] } }).page).toBe(4);
    expect(readPage(url("page=2&cursor=c2"), { listPaging: "junk" })).toEqual({ cursor: "c2", page: 2, earlier: [] });
  });

  it("is dropped by a change of filters, search or sort, which start at the first page", () => {
    expect(withoutPage(url("q=acme&sort=name&page=2&cursor=c2")).toString()).toBe("q=acme&sort=name");
  });
});
