import { createCheckout } from "../checkout/create-checkout";
import { getCheckout } from "../checkout/get-checkout";
import { CheckoutPathSchema, CreateCheckoutSchema, MAX_EXPIRE_SECS, MIN_EXPIRE_SECS } from "../checkout/schemas";
import { EmbeddedKeyQuerySchema } from "../embedded/schemas";
import { createTransientKey } from "../embedded/transient-key";
import { describeFields, TAGS } from "../openapi/operation";
import { CheckoutResponseSchema, TransientKeyResponseSchema } from "../openapi/response-schemas";
import { apiOperation, type ApiRoute } from "./api-operation";
import { success } from "./envelope";

// Checkout links (the hosted card page) and the embedded form's transient key.

// The embedded key's charge and look: parameters of this vault's own (docs/payments.md, "Embedded form payments"; docs/api-contract.md).
const embeddedQuery = describeFields(
  EmbeddedKeyQuerySchema,
  {
    amt_tran:
      "A decimal amount in major units, above 0 (at most the currency's decimals): the form charges it through the merchant's gateway before making the card token. Without it, the form only makes the token.",
    tran_currency: "ISO 4217 numeric code of amt_tran's currency; 840 (USD) by default.",
    request_type: "sale (the default) or auth, to capture later.",
    merch_ref_num: "The merchant's reference for the charge, kept on its transaction.",
    purchase_id: "The purchase the charge is for, kept on its transaction.",
    compact:
      "true: the form shows no merchant logo or heading (the heading stays for screen readers), for a page that has its own; false (the default): the form shows them.",
  },
  { extension: true },
);

const checkoutPath = describeFields(CheckoutPathSchema, { checkoutId: "The link's checkout_id: 32 lowercase hex characters." });

export const checkoutRoutes: ApiRoute[] = [
  apiOperation(
    "POST",
    "/checkout",
    {
      operationId: "createCheckout",
      tag: TAGS.checkout,
      summary: "Create a checkout link",
      description: `A single-use link to the hosted card page for one customer, who is created now if new (from the customer_* fields; a name is then required). With card_id, one of that customer's cards, the link updates that card instead of adding one. preferences: success_url and failure_url (each defaults to the merchant's default set in the portal), expire_in_secs from ${MIN_EXPIRE_SECS} to ${MAX_EXPIRE_SECS} (default ${MIN_EXPIRE_SECS}). See docs/api-contract.md for the redirect and its signature.`,
      body: CreateCheckoutSchema,
      answer: { data: CheckoutResponseSchema },
      notFound: true,
    },
    async ({ actor, body }) => success(await createCheckout(actor, body)),
  ),
  apiOperation(
    "GET",
    "/checkout/{checkoutId}",
    {
      operationId: "getCheckout",
      tag: TAGS.checkout,
      summary: "Look up a checkout link",
      description:
        "The link's state (open, spent, expired, locked), its failed attempts and, once spent, the card it stored. The reference API looks up a payment at this path; this vault has vault links only, and answers with the link.",
      path: checkoutPath,
      answer: { data: CheckoutResponseSchema },
    },
    async ({ actor, params }) => success(await getCheckout(actor.merchantId, params.checkoutId)),
  ),
  apiOperation(
    "GET",
    "/embedded",
    {
      operationId: "createTransientKey",
      tag: TAGS.embedded,
      summary: "Get a transient key for the embedded card form",
      description:
        "A single-use key, valid 30 minutes, for framing /embedded/{transient_key} on one of the merchant's registered origins. The form posts a card token to the framing page; attach it with POST /vault/customer/{customer_id}/billing and {card_id}. With amt_tran (an extension), the form shows the amount and charges the card first; the token's message then carries the charge's pg_id and amt_tran. With compact=true (an extension), the form leaves out the logo and heading. The form posts its height to the framing page whenever it changes ({type: \"customer-vault:resize\", height}).",
      query: embeddedQuery,
      answer: { data: TransientKeyResponseSchema },
    },
    async ({ actor, query }) => success(await createTransientKey(actor, { query })),
  ),
];
