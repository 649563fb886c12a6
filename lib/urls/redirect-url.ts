import { z } from "zod";
import { merchantUrlProblem } from "./merchant-url";

// A success_url or failure_url as a merchant gives it: on a link (POST
// /platform/checkout) or as the merchant's default (the portal). Pure, so the
// portal's form checks the same rule in the browser as the server does.

/** The query parameters the vault adds to the redirect; a merchant's URL may not already use them. */
export const REDIRECT_PARAMS = ["checkout_id", "customer_id", "card_id", "timestamp", "signature", "reason"] as const;

/** Why a success_url or failure_url cannot carry our parameters, or null. */
export function redirectQueryProblem(value: string): string | null {
  const params = new URL(value).searchParams;
  const names = [...params.keys()];
  const taken = names.find((name) => (REDIRECT_PARAMS as readonly string[]).includes(name));
  if (taken) return `must not already carry the query parameter ${taken}`;
  if (new Set(names).size !== names.length) return "must not repeat a query parameter";
  return null;
}

/** success_url / failure_url: a merchant URL (https, http only for loopback) without our parameter names. */
export const RedirectUrlSchema = z
  .string()
  .max(128, "must be at most 128 characters")
  .superRefine((value, ctx) => {
    const problem = merchantUrlProblem(value) ?? redirectQueryProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
