import { describe, expect, it } from "vitest";
import { filterQuery } from "./filter-query";
import { parsePlanFilter } from "./plan-filter";
import { parseSubscriptionFilter } from "./subscription-filter";

describe("parseSubscriptionFilter", () => {
  it("searches what was typed and filters on a known status letter", () => {
    expect(parseSubscriptionFilter({ q: " 42 ", status: "P" })).toEqual({ values: { q: "42", status: "P" }, filter: { search: "42", status: "P" } });
  });

  it("ignores an unknown status and keeps empty fields out of the query string", () => {
    const parsed = parseSubscriptionFilter({ status: "X", page: "3" });
    expect(parsed.filter).toEqual({});
    expect(filterQuery(parsed.values, { page: "2" })).toBe("status=X&page=2");
    expect(filterQuery(parseSubscriptionFilter({}).values)).toBe("");
  });
});

describe("parsePlanFilter", () => {
  it("turns a code and a status into the browse's filter", () => {
    expect(parsePlanFilter({ q: "GOLD", status: "A" })).toEqual({
      values: { q: "GOLD", status: "A" },
      filter: ["plan_code,LIKE,GOLD", "status,EQUALS,A"],
      errors: {},
    });
  });

  it("reports a search no plan code could contain, instead of passing it to the filter syntax", () => {
    const parsed = parsePlanFilter({ q: "a,EQUALS,b;status", status: "Z" });
    expect(parsed.filter).toEqual([]);
    expect(parsed.errors).toEqual({ q: "must be a plan code, or part of one: up to 16 letters and digits" });
  });
});
