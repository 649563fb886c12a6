import { describe, expect, it } from "vitest";
import { parseAuditFilter } from "./audit-filter";
import { filterQuery } from "./filter-query";

describe("parseAuditFilter", () => {
  it("turns a picked day range into [first midnight, midnight after the last day)", () => {
    const { filter, errors } = parseAuditFilter(new URLSearchParams("from=2026-11-01&to=2026-11-01&actor=user:7"));
    expect(errors).toEqual({});
    expect(filter).toEqual({ actor: "user:7", from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-02T00:00:00Z") });
  });

  it("reports impossible or malformed dates instead of guessing", () => {
    expect(parseAuditFilter({ from: "2026-02-30" }).errors).toEqual({ from: "must be a date (YYYY-MM-DD)" });
    expect(parseAuditFilter({ to: "yesterday" }).errors).toEqual({ to: "must be a date (YYYY-MM-DD)" });
    expect(parseAuditFilter({ from: "2026-11-03", to: "2026-11-01" }).errors).toEqual({ to: "must not be before the start date" });
  });

  it("takes only the actions and target types the log records, and reports any other", () => {
    expect(parseAuditFilter({ action: "checkout.cancel", targetType: "checkout" })).toMatchObject({
      filter: { action: "checkout.cancel", targetType: "checkout" },
      errors: {},
    });
    const unknown = parseAuditFilter({ action: "customer.explode", targetType: "spaceship" });
    expect(unknown.filter).toEqual({});
    expect(unknown.errors).toEqual({
      action: "is not an action the log records: pick one from the list",
      targetType: "is not a target type the log records: pick one from the list",
    });
  });

  it("keeps empty fields out of the filter and of the query string", () => {
    const parsed = parseAuditFilter({ action: " user.remove ", targetId: "" });
    expect(parsed.filter).toEqual({ action: "user.remove" });
    expect(filterQuery(parsed.values, { page: "2" })).toBe("action=user.remove&page=2");
  });
});
