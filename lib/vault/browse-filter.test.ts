import { describe, expect, it } from "vitest";
import { ApiError } from "../errors/api-error";
import { customerFilterWhere, parseCustomerFilters } from "./browse-filter";

describe("parseCustomerFilters", () => {
  it.each([
    ["customer_last_name,EQUALS,Lee", [{ column: "lastName", operator: "EQUALS", value: "Lee" }]],
    [
      "customer_last_name,EQUALS,Lee;customer_email,LIKE,example",
      [
        { column: "lastName", operator: "EQUALS", value: "Lee" },
        { column: "email", operator: "LIKE", value: "example" },
      ],
    ],
    // Only the first two commas split: a value may contain commas.
    ["comments,EQUALS,a,b", [{ column: "comments", operator: "EQUALS", value: "a,b" }]],
    ["customer_phone,IS_NULL", [{ column: "phone", operator: "IS_NULL", value: "" }]],
    ["customer_email,IS_NOT_NULL,", [{ column: "email", operator: "IS_NOT_NULL", value: "" }]],
  ])("parses %s", (raw, expected) => {
    expect(parseCustomerFilters(raw)).toEqual(expected);
  });

  it("accepts the parameter repeated", () => {
    expect(parseCustomerFilters(["customer_id,GREATER_THAN,A", "customer_id,LESS_THAN,M"])).toHaveLength(2);
  });

  it.each([["card_number,EQUALS,4111"], ["customer_id,CONTAINS,A"], ["customer_id"], ["customer_id,EQUALS"]])("rejects %s with a 400 naming filter", (raw) => {
    try {
      parseCustomerFilters(raw);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).kind).toBe("validation");
      expect(Object.keys((error as ApiError).fields ?? {})).toEqual(["filter"]);
    }
  });
});

describe("customerFilterWhere", () => {
  it("makes LIKE case-insensitive on PostgreSQL (SQLite's LIKE already is)", () => {
    const filters = parseCustomerFilters("customer_email,LIKE,Example");
    expect(customerFilterWhere(filters, "postgres")).toEqual([{ email: { contains: "Example", mode: "insensitive" } }]);
    expect(customerFilterWhere(filters, "sqlite")).toEqual([{ email: { contains: "Example" } }]);
  });

  it("counts customers without the field as NOT_EQUALS matches", () => {
    const where = customerFilterWhere(parseCustomerFilters("customer_email,NOT_EQUALS,a@b.c"), "sqlite");
    expect(where).toEqual([{ OR: [{ email: { not: "a@b.c" } }, { email: null }] }]);
  });
});
