// POST /platform/vault/customer on the floor: the fields the bench sends,
// checked by hand with the product's rules (lib/vault/schemas.ts and
// prepare-card.ts: lengths, the free-text rule, Luhn and brand, expiry, CVV
// length), each card sealed and fingerprinted with the product's own crypto
// and keyring, then the customer, its cards, one audit row each and one
// outbox event each written in one transaction (lib/vault/insert-new-customer.ts).
// A field the floor does not check is refused rather than ignored, so the
// floor never does less work than the product without saying so.
import { validateCardNumber } from "@/lib/cards/card-number";
import { expDateProblem } from "@/lib/cards/expiry";
import { maskCardNumber } from "@/lib/cards/mask";
import { fingerprint } from "@/lib/crypto/fingerprint";
import { randomHexId } from "@/lib/crypto/random-id";
import { seal } from "@/lib/crypto/seal";
import { cardEventData } from "@/lib/events/event-data";
import { freeTextProblem } from "@/lib/validation/free-text";
import { cardAad } from "@/lib/vault/prepare-card";
import type { FloorCaller } from "./floor-authenticate";
import { checkMerchantScope } from "./floor-authenticate";
import { CUSTOMER_ID_PATTERN, customerJson } from "./floor-customer-json";
import { FloorRefusal, success, type Answer } from "./floor-http";
import type { CardValues, CustomerJoinRow, FloorStore, NewCustomerWrite } from "./floor-store";

const CUSTOMER_FIELDS = new Set(["merchant_id", "customer_id", "customer_first_name", "customer_last_name", "customer_email", "billing_cards"]);
const CARD_FIELDS = new Set(["card_number", "exp_date", "cvv2", "billing_zip"]);
const NUMBER_PROBLEMS = {
  format: "must contain only digits",
  length: "has the wrong number of digits for a card (13 to 16, as its brand requires)",
  luhn: "is not a valid card number",
  unsupported_brand: "is not a supported card brand",
} as const;

// lib/vault/schemas.ts's words (not imported: that module builds the zod schemas).
const NAME_RULE = "a customer name (first or last) or customer_firm_name is required";

type Errors = Record<string, string>;
type Checked = { digits: string; cardType: string; expDate: string; zip: string };

/** Records a field's problem; null, for "no value". */
function fail(errors: Errors, field: string, message: string): null {
  errors[field] = message;
  return null;
}

/** Optional free text of at most `max` characters; null counts as not given. */
function text(errors: Errors, field: string, value: unknown, max: number, pattern?: [RegExp, string]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") return fail(errors, field, "must be a string");
  if (value.length > max) return fail(errors, field, `must be at most ${max} characters`);
  if (pattern && !pattern[0].test(value)) return fail(errors, field, pattern[1]);
  const problem = freeTextProblem(value);
  if (problem) return fail(errors, field, problem);
  return value;
}

function checkCard(errors: Errors, prefix: string, card: unknown, now: Date): Checked | null {
  if (card === null || typeof card !== "object" || Array.isArray(card)) return fail(errors, prefix.slice(0, -1), "must be an object");
  const input = card as Record<string, unknown>;
  for (const key of Object.keys(input)) if (!CARD_FIELDS.has(key)) errors[`${prefix}${key}`] = "is not a field the bench's floor checks";
  const { card_number: number, exp_date: expDate, cvv2, billing_zip: zip } = input;
  if (expDate !== undefined && (typeof expDate !== "string" || !/^(0[1-9]|1[0-2])\d{2}$/.test(expDate))) errors[`${prefix}exp_date`] = "must be MMYY";
  if (cvv2 !== undefined && (typeof cvv2 !== "string" || !/^\d{3,4}$/.test(cvv2))) errors[`${prefix}cvv2`] = "must be 3 or 4 digits";
  const checkedZip = text(errors, `${prefix}billing_zip`, zip, 10);
  if (Object.keys(errors).some((field) => field.startsWith(prefix))) return null;
  if (typeof number !== "string") return fail(errors, `${prefix}card_number`, number === undefined ? "is required" : "must be a string");
  if (!checkedZip) return fail(errors, `${prefix}billing_zip`, "is required");
  const checked = validateCardNumber(number);
  if (!checked.ok) return fail(errors, `${prefix}card_number`, NUMBER_PROBLEMS[checked.reason]);
  if (typeof expDate !== "string") return fail(errors, `${prefix}exp_date`, "is required with card_number");
  const expiryProblem = expDateProblem(expDate, now);
  if (expiryProblem) return fail(errors, `${prefix}exp_date`, expiryProblem);
  if (typeof cvv2 === "string" && cvv2.length !== (checked.cardType === "AM" ? 4 : 3)) {
    return fail(errors, `${prefix}cvv2`, `must be ${checked.cardType === "AM" ? 4 : 3} digits for this card`);
  }
  return { digits: checked.digits, cardType: checked.cardType, expDate, zip: checkedZip };
}

function sealCard(merchantId: bigint, card: Checked, isPrimary: boolean, createdAt: Date): CardValues {
  const id = randomHexId();
  const { sealed, kekVersion } = seal(card.digits, cardAad(merchantId, id));
  return {
    id,
    fingerprint: fingerprint(`card-number:${merchantId}:${card.digits}`),
    maskedNumber: maskCardNumber(card.digits),
    cardType: card.cardType,
    expDate: card.expDate,
    sealedNumber: sealed,
    kekVersion,
    zip: card.zip,
    isPrimary,
    createdAt,
  };
}

export type RequestFacts = { clientAddress: string | null; requestId: string };

export async function addCustomer(store: FloorStore, caller: FloorCaller, body: Record<string, unknown>, facts: RequestFacts): Promise<Answer> {
  checkMerchantScope(caller.merchantId, body.merchant_id);
  const now = new Date();
  const errors: Errors = {};
  for (const key of Object.keys(body)) if (!CUSTOMER_FIELDS.has(key)) errors[key] = "is not a field the bench's floor checks";
  const customerId = text(errors, "customer_id", body.customer_id, 32, [CUSTOMER_ID_PATTERN, "must be 1 to 32 letters and digits"]);
  if (body.customer_id === undefined) errors.customer_id = "is required unless auto_generate_customer_id is true";
  else if (body.customer_id === null) errors.customer_id = "must be a string";
  const firstName = text(errors, "customer_first_name", body.customer_first_name, 32);
  const lastName = text(errors, "customer_last_name", body.customer_last_name, 32);
  const email = text(errors, "customer_email", body.customer_email, 64, [/^[^\s@]+@[^\s@]+$/, "must be an email address"]);
  if (!firstName && !lastName && !errors.customer_first_name && !errors.customer_last_name) errors.customer_first_name = NAME_RULE;
  const cardsInput = body.billing_cards ?? [];
  if (!Array.isArray(cardsInput)) errors.billing_cards = "must be an array";
  else if (cardsInput.length > 20) errors.billing_cards = "at most 20 cards per request";
  const checked = Array.isArray(cardsInput) && !errors.billing_cards ? cardsInput.map((card, i) => checkCard(errors, `billing_cards[${i}].`, card, now)) : [];
  if (Object.keys(errors).length > 0 || customerId === null) throw new FloorRefusal("validation", "Request validation failed", errors);

  // One millisecond apart, so cards sent together keep their order (insert-card-rows.ts).
  const cards = (checked as Checked[]).map((card, index) => sealCard(caller.merchantId, card, index === 0, new Date(now.getTime() + index)));
  if (new Set(cards.map((card) => card.fingerprint)).size !== cards.length) throw new FloorRefusal("conflict", "The same card number appears twice");

  const write: NewCustomerWrite = {
    merchantId: caller.merchantId,
    customerId,
    firstName,
    lastName,
    email,
    now,
    cards,
    actor: `api_key:${caller.apiKeyId}`,
    ...facts,
    audit: [
      { action: "customer.create", targetType: "customer", targetId: customerId },
      ...cards.map((card) => ({ action: "card.create", targetType: "card", targetId: card.id })),
    ],
    events: [
      { eventId: randomHexId(), type: "vault_customer_created", payload: JSON.stringify({ customer_id: customerId }) },
      ...cards.map((card) => ({ eventId: randomHexId(), type: "vault_card_created", payload: JSON.stringify(cardEventData(customerId, card)) })),
    ],
  };
  if ((await store.insertCustomer(write)) === "taken") throw new FloorRefusal("conflict", `customer_id ${customerId} already exists`);
  // The answer is what was just written, as the product answers it.
  return success(customerJson(caller.merchantId, writtenRows(write)));
}

const NO_SHIPPING = {
  ...{ ship_id: null, ship_firstName: null, ship_lastName: null, ship_firmName: null, ship_addr1: null, ship_addr2: null, ship_city: null },
  ...{ ship_state: null, ship_zip: null, ship_zip4: null, ship_country: null, ship_countryCode: null, ship_isPrimary: null },
};
const NO_CARD_COLUMNS = {
  ...{ card_firstName: null, card_lastName: null, card_firmName: null, card_emails: null, card_addr1: null, card_addr2: null, card_city: null },
  ...{ card_state: null, card_zip4: null, card_country: null, card_countryCode: null },
};
const NO_CARD = { card_id: null, card_maskedNumber: null, card_cardType: null, card_expDate: null, card_zip: null, card_isPrimary: null, ...NO_CARD_COLUMNS };

/** What was written, as the customer read would return it. */
function writtenRows(w: NewCustomerWrite): CustomerJoinRow[] {
  const customer = { customerId: w.customerId, firstName: w.firstName, lastName: w.lastName, firmName: null, phone: null, email: w.email };
  const rest = { referenceId: null, comments: null, developerId: null, ...NO_SHIPPING };
  const cards = w.cards.map((c) => ({
    ...{ card_id: c.id, card_maskedNumber: c.maskedNumber, card_cardType: c.cardType, card_expDate: c.expDate, card_zip: c.zip, card_isPrimary: c.isPrimary },
    ...NO_CARD_COLUMNS,
  }));
  return (cards.length > 0 ? cards : [NO_CARD]).map((card) => ({ ...customer, ...rest, ...card }));
}
