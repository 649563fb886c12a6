import type { z } from "zod";
import type { FieldErrors } from "./api-error";

/**
 * How request input is parsed: each issue keeps its input (so a missing
 * field reads "is required" and a field of the wrong JSON type does not),
 * and a wrong type without a schema's own message names the type expected
 * ("must be a string"). A schema's own message (`{ error: "must be an
 * integer" }`) still wins. The inputs stay inside the issues: only the
 * messages below reach the answer.
 */
export const FIELD_PARSE_PARAMS = {
  reportInput: true,
  error: (issue: z.core.$ZodRawIssue) => (issue.code === "invalid_type" ? expectedTypeMessage(issue.expected) : undefined),
} satisfies z.core.ParseContext<z.core.$ZodIssue>;

/** Turns zod issues into the 400 envelope's field map, e.g. "billing_cards[0].exp_date". */
export function zodFieldErrors(error: z.ZodError, prefix = ""): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.reduce<string>((acc, part) => {
      if (typeof part === "number") return `${acc}[${part}]`;
      return acc ? `${acc}.${String(part)}` : String(part);
    }, prefix);
    const key = path || "body";
    // The first problem per field is the one worth fixing first.
    fields[key] ??= issueMessage(issue);
  }
  return fields;
}

// A field sent as null where null is not allowed is as good as missing.
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && (issue.input === undefined || issue.input === null)) return "is required";
  return issue.message;
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  array: "an array",
  object: "an object",
  undefined: "omitted",
  null: "null",
};

function expectedTypeMessage(expected: string): string {
  return `must be ${TYPE_NAMES[expected] ?? expected}`;
}
