import { describe, expect, it } from "vitest";
import { z } from "zod";
import { FIELD_PARSE_PARAMS, zodFieldErrors } from "./zod-fields";

describe("field messages", () => {
  it("sizes, formats and choices a schema left unworded get the schemas' own kind of words", () => {
    const schema = z.object({
      name: z.string().min(1).max(5),
      code: z.string().min(3),
      count: z.number().min(2).max(9),
      email: z.email(),
      pick: z.enum(["a", "b"]),
    });
    const result = schema.safeParse({ name: "", code: "x", count: 10, email: "nope", pick: "c" }, FIELD_PARSE_PARAMS);
    expect(zodFieldErrors(result.error!)).toEqual({
      name: "is required",
      code: "must be at least 3 characters",
      count: "must be at most 9",
      email: "must be an email address",
      pick: "must be one of a, b",
    });
    expect(zodFieldErrors(schema.safeParse({ name: "toolong", code: "abc", count: 1, email: "a@b.co", pick: "a" }, FIELD_PARSE_PARAMS).error!)).toEqual({
      name: "must be at most 5 characters",
      count: "must be at least 2",
    });
  });
});
