import { describe, expect, it } from "vitest";
import { fieldRows, typeName } from "./schema-rows";

describe("schema rows", () => {
  const components = { Card: { type: "object", properties: { card_id: { type: "string", pattern: "^[0-9a-f]{32}$" } }, required: ["card_id"] } };

  it("lists fields with their type, requiredness and rules, nested under their parent unless the shape is a named component", () => {
    const rows = fieldRows(
      {
        type: "object",
        properties: {
          name: { anyOf: [{ type: "string", maxLength: 32 }, { type: "null" }] },
          cards: { type: "array", maxItems: 20, items: { $ref: "#/components/schemas/Card" } },
          inline: { type: "array", items: components.Card },
          count: { type: "integer", minimum: -9007199254740991, maximum: 100, default: 10 },
        },
        required: ["cards"],
      },
      components,
    );
    expect(rows).toEqual([
      { name: "name", type: "string or null", required: false, rules: ["at most 32 characters"], description: undefined },
      { name: "cards", type: "array of Card", required: true, rules: ["at most 20 items"], description: undefined },
      { name: "inline", type: "array of object", required: false, rules: [], description: undefined },
      { name: "inline[].card_id", type: "string", required: true, rules: ["pattern ^[0-9a-f]{32}$"], description: undefined },
      { name: "count", type: "integer", required: false, rules: ["at most 100", "default 10"], description: undefined },
    ]);
  });

  it("names unions of constants by their values and a forbidden field as not allowed", () => {
    expect(
      typeName(
        {
          anyOf: [
            { type: "number", const: 8 },
            { type: "number", const: 9 },
          ],
        },
        {},
      ),
    ).toBe("8 | 9");
    expect(typeName({ not: {} }, {})).toBe("not allowed");
  });
});
