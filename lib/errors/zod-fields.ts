import type { z } from "zod";
import type { FieldErrors } from "./api-error";

/**
 * How request input is parsed, by the API and the portal's routes and by the
 * portal's forms in the browser: each issue keeps its input (so a missing
 * field reads "is required" and a field of the wrong JSON type does not),
 * and an issue without a schema's own message gets a plain one in the
 * schemas' own words ("must be a string", "must be at most 64 characters",
 * never zod's "Too big: expected string to have <=64 characters"). A
 * schema's own message (`{ error: "must be an integer" }`) still wins. The
 * inputs stay inside the issues: only the messages below reach the answer.
 */
export const FIELD_PARSE_PARAMS = {
  reportInput: true,
  error: (issue: z.core.$ZodRawIssue) => plainMessage(issue),
} satisfies z.core.ParseContext<z.core.$ZodIssue>;

/** A plain message for an issue zod would otherwise word itself; undefined leaves zod's (codes no field of ours can raise). */
export function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return expectedTypeMessage(issue.expected);
    case "too_small":
      return sizeMessage("small", issue.origin, Number(issue.minimum), issue.inclusive !== false);
    case "too_big":
      return sizeMessage("big", issue.origin, Number(issue.maximum), issue.inclusive !== false);
    case "invalid_format":
      return FORMAT_MESSAGES[issue.format] ?? "is not in the expected format";
    case "invalid_value":
      return issue.values.length === 1 ? `must be ${String(issue.values[0])}` : `must be one of ${issue.values.map(String).join(", ")}`;
    case "invalid_union":
      return unionMessage(issue.errors);
    case "unrecognized_keys":
      return `has fields it does not take: ${issue.keys.join(", ")}`;
    default:
      return undefined;
  }
}

const FORMAT_MESSAGES: Record<string, string> = {
  email: "must be an email address",
  url: "must be a URL",
  regex: "is not in the expected format",
};

function sizeMessage(side: "small" | "big", origin: string, limit: number, inclusive: boolean): string {
  if (origin === "string") {
    if (side === "small" && limit <= 1) return "is required";
    const characters = `${limit} character${limit === 1 ? "" : "s"}`;
    return side === "small" ? `must be at least ${characters}` : `must be at most ${characters}`;
  }
  if (origin === "array" || origin === "set") return side === "small" ? `must have at least ${limit}` : `must have at most ${limit}`;
  if (side === "small") return inclusive ? `must be at least ${limit}` : `must be more than ${limit}`;
  return inclusive ? `must be at most ${limit}` : `must be less than ${limit}`;
}

/**
 * A value that is none of a union's choices: the message of the choice it
 * came closest to. An optional field is often "" or a rule (`z.union([z.literal(""), amount])`):
 * a value that is neither breaks the rule, which says what is wrong.
 */
function unionMessage(branches: z.core.$ZodIssue[][]): string {
  // A rule broken says most; then a list of choices missed; a wrong type or a single literal ("") the least.
  const telling = (issue: z.core.$ZodIssue) => (issue.code === "invalid_type" ? 0 : issue.code === "invalid_value" ? (issue.values.length > 1 ? 1 : 0) : 2);
  const best = branches
    .map((issues) => issues[0])
    .filter((issue): issue is z.core.$ZodIssue => issue !== undefined)
    .reduce<z.core.$ZodIssue | undefined>((found, issue) => (!found || telling(issue) > telling(found) ? issue : found), undefined);
  return best && telling(best) > 0 ? best.message : "is not valid";
}

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
