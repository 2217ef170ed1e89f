import { describe, expect, it } from "vitest";
import { exportColumns } from "./exportColumns";

describe("exportColumns", () => {
  it("puts Name first when the column chooser's choice leaves it out", () => {
    // The chooser hands back only the columns it lets the user tick or drag: never the locked Name.
    expect(exportColumns("customers", ["kind", "lifecycleStage", "phone"], [])).toEqual([
      "name",
      "kind",
      "lifecycleStage",
      "phone",
    ]);
    expect(exportColumns("contacts", ["updatedAt", "name", "title"], [])).toEqual(["name", "updatedAt", "title"]);
  });

  it("keeps the list's custom-field columns in their place", () => {
    const custom = ["custom.budget", "custom.nda"];
    expect(exportColumns("customers", ["name", "custom.nda", "kind", "custom.budget"], custom)).toEqual([
      "name",
      "custom.nda",
      "kind",
      "custom.budget",
    ]);
  });

  it("leaves out what the list does not show either: fields archived since a view was saved, unknown keys", () => {
    expect(exportColumns("customers", ["custom.archived", "kind", "nonsense"], ["custom.budget"])).toEqual([
      "name",
      "kind",
    ]);
    // Each object has its own columns: a contact's title is not a customer's.
    expect(exportColumns("customers", ["title", "website"], [])).toEqual(["name", "website"]);
    expect(exportColumns("contacts", ["title", "website"], [])).toEqual(["name", "title"]);
  });
});
