import * as z from "zod/mini";
import { cardBrandOf } from "./card-brand";
import { validateCardNumber } from "../cards/card-number";
import { expDateProblem, normalizeExpiryInput } from "../cards/expiry";
import { CARD_NUMBER_MESSAGE, freeTextProblem } from "../validation/free-text";
import { DEFAULT_COUNTRY, hasPostalCode, postalCodeKind, postalCodeMatches } from "./billing-country";
import { messageKey, type MessageKey } from "../i18n/messages";

// The hosted card form's fields as the browser sends them, and the rules a
// customer is told about. One schema serves the page's POST handler and, in
// the browser, react-hook-form's resolver, so both say the same thing about
// the same input. It is written with zod/mini because it ships inside the
// page's script (budget: 80 KB gzipped, docs/decisions/006). The vault's own
// card rules (lib/cards) are the ones lib/vault/prepare-card.ts applies when
// the card is stored, so the two cannot disagree.

/** The fields a re-shown form keeps as typed: never the card number or the security code. */
export const REDISPLAYED_FIELDS = ["exp_date", "cardholder_name", "country", "billing_zip", "billing_addr1", "billing_city", "billing_state"] as const;
/** The fields behind "Add billing address": shown open when one of them has a problem. */
export const ADDRESS_FIELDS = ["billing_addr1", "billing_city", "billing_state"] as const;
/** The fields whose problems count as a failed card attempt (lib/checkout/capture-card.ts). */
export const CARD_FIELDS = ["card_number", "exp_date", "cvv2"] as const;

/** How many digits the security code has for the number typed so far. */
export function securityCodeLength(cardNumber: string): 3 | 4 {
  return cardBrandOf(cardNumber) === "amex" ? 4 : 3;
}

// Each rule's message is a message key (lib/i18n/messages.ts), put in the
// page's language where it is shown: the schema runs on both sides.

// The fields the customer types in their own words: the vault's free-text
// rule (lib/validation/free-text.ts), told in the customer's terms.
const FREE_TEXT_FIELDS = ["cardholder_name", "billing_addr1", "billing_city", "billing_state", "billing_zip"] as const;

const text = (max: number) => z.string().check(z.trim(), z.maxLength(max, messageKey("error.too_long", { max })));

export const HostedCardFormSchema = z
  .object({
    // Missing (a form posted without the field) says the same as empty.
    card_number: z.string({ error: messageKey("error.card_number.empty") }).check(z.trim(), z.minLength(1, messageKey("error.card_number.empty"))),
    exp_date: z.string({ error: messageKey("error.exp_date.empty") }).check(z.trim(), z.minLength(1, messageKey("error.exp_date.empty"))),
    cvv2: z.string({ error: messageKey("error.cvv2.empty") }).check(z.trim(), z.minLength(1, messageKey("error.cvv2.empty"))),
    cardholder_name: z.optional(text(64)),
    billing_addr1: z.optional(text(128)),
    billing_city: z.optional(text(64)),
    billing_state: z.optional(text(3)),
    // A form posted without the select (an old page still open) is from the default country.
    country: z.optional(z.string().check(z.trim(), z.toUpperCase(), z.regex(/^[A-Z]{2}$/, messageKey("error.country")))),
    billing_zip: z.optional(text(10)),
  })
  .check(
    z.superRefine((form, ctx) => {
      const problem = (field: string, message: MessageKey) => ctx.issues.push({ code: "custom", path: [field], message, input: form });
      for (const field of FREE_TEXT_FIELDS) {
        const found = form[field] ? freeTextProblem(form[field]) : null;
        if (found) problem(field, messageKey(found === CARD_NUMBER_MESSAGE ? "error.free_text.card" : "error.free_text.control"));
      }
      const country = form.country || DEFAULT_COUNTRY;
      const kind = postalCodeKind(country);
      if (hasPostalCode(country) && !form.billing_zip) problem("billing_zip", messageKey("error.billing_zip.empty", { kind }));
      else if (form.billing_zip && form.billing_zip.length <= 10 && !postalCodeMatches(country, form.billing_zip)) {
        problem("billing_zip", messageKey("error.billing_zip.format", { kind }));
      }
      const number = form.card_number ? validateCardNumber(form.card_number) : null;
      if (number && !number.ok) problem("card_number", messageKey(`error.card_number.${number.reason}`));
      if (form.exp_date) {
        const mmyy = normalizeExpiryInput(form.exp_date);
        if (!mmyy) problem("exp_date", messageKey("error.exp_date.format"));
        else if (expDateProblem(mmyy, new Date())) problem("exp_date", messageKey("error.exp_date.expired"));
      }
      if (form.cvv2) {
        const digits = securityCodeLength(form.card_number);
        if (!new RegExp(`^\\d{${digits}}$`).test(form.cvv2)) problem("cvv2", messageKey("error.cvv2.length", { digits }));
      }
    }),
  );
export type HostedCardForm = z.output<typeof HostedCardFormSchema>;
export type HostedCardFormValues = z.input<typeof HostedCardFormSchema>;
