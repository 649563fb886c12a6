"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { captureCard } from "@/lib/checkout/capture-card";
import { HostedCardFormSchema, REDISPLAYED_FIELDS, toCardInput } from "@/lib/checkout/hosted-form-schema";
import { CHECKOUT_SESSION_COOKIE, csrfMatches, openCheckoutSession } from "@/lib/checkout/checkout-session";
import { CHECKOUT_ID_PATTERN } from "@/lib/checkout/schemas";

export type CardFormState = {
  /** Field name → message; "form" for the whole form. */
  errors: Record<string, string>;
  /** What the customer typed, to show again: never the card number or CVV. */
  values: Record<string, string>;
  attemptsLeft?: number;
};

// The vault's card errors, in the customer's words.
const CARD_MESSAGES: Record<string, string> = {
  card_number: "Check the card number",
  exp_date: "Check the expiry date",
  cvv2: "Check the security code",
  billing_zip: "Check the billing ZIP or postal code",
};

/** The hosted form's submit: works as a plain form post, and from the enhanced form. */
export async function submitCard(checkoutId: string, _previous: CardFormState, formData: FormData): Promise<CardFormState> {
  if (!CHECKOUT_ID_PATTERN.test(checkoutId)) redirect("/checkout/invalid");
  const raw = Object.fromEntries([...formData.entries()].filter(([name]) => !name.startsWith("$")).map(([k, v]) => [k, String(v)]));
  const values = Object.fromEntries(REDISPLAYED_FIELDS.map((name) => [name, raw[name] ?? ""]));
  // The post must come from a page this browser loaded for this link
  // (lib/checkout/checkout-session.ts); nothing is looked at otherwise.
  const session = await openCheckoutSession((await cookies()).get(CHECKOUT_SESSION_COOKIE)?.value, checkoutId);
  if (!csrfMatches(session, raw.csrf_token)) {
    return { errors: { form: "This page has expired. Reload it and enter your card again." }, values };
  }
  const parsed = HostedCardFormSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { errors, values };
  }
  const requestHeaders = await headers();
  const result = await captureCard(checkoutId, toCardInput(parsed.data), {
    clientAddress: requestHeaders.get("x-vault-client-address"),
    requestId: crypto.randomUUID(),
  });
  switch (result.kind) {
    case "stored":
      redirect(result.redirectUrl ?? `/checkout/${checkoutId}/done`);
    case "unusable":
      redirect(result.redirectUrl ?? `/checkout/${checkoutId}`);
    case "throttled":
      return {
        errors: { form: `Too many failed attempts from your network. Try again in ${Math.ceil(result.retryAfterSeconds / 60)} minutes.` },
        values,
      };
    case "invalid": {
      const errors: Record<string, string> = {};
      for (const field of Object.keys(result.errors)) errors[field in CARD_MESSAGES ? field : "form"] = CARD_MESSAGES[field] ?? "Check your card details";
      return { errors, values, attemptsLeft: result.attemptsLeft };
    }
  }
}
