import type { z } from "zod";
import type { FieldErrors } from "./api-error";

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

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && issue.input === undefined) return "is required";
  return issue.message;
}
