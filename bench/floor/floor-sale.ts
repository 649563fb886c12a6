// POST /pg/sale on the floor, for a vault card on the sandbox: the fields the
// bench sends checked by hand with the product's rules (lib/payments/: the
// amount by its digits, the card_id's form), the card read with its
// customer, its number unsealed with the product's keyring and judged by the
// sandbox's conventions (the cents, the decline card), then the transaction,
// its audit row and its outbox event written in one transaction, as
// lib/payments/charge-card.ts does for an in-process connector. Anything the
// bench does not send is refused rather than ignored, so the floor never does
// less work than the product without saying so. Refusals answer in the
// platform envelope: the bench compares approvals only.
import { randomInt } from "node:crypto";
import { expDateProblem } from "@/lib/cards/expiry";
import { openSealed } from "@/lib/crypto/open-sealed";
import { randomHexId } from "@/lib/crypto/random-id";
import { transactionEventData } from "@/lib/events/event-data";
import { toMajorUnits, toMinorUnits } from "@/lib/payments/amount";
import { currencyOf } from "@/lib/payments/currency";
import { cardAad } from "@/lib/vault/prepare-card";
import type { FloorCaller } from "./floor-authenticate";
import { checkMerchantScope } from "./floor-authenticate";
import { FloorRefusal, type Answer } from "./floor-http";
import type { FloorStore } from "./floor-store";

const SALE_FIELDS = new Set(["merchant_id", "card_id", "amt_tran"]);
const USD = currencyOf(840)!;
const DECLINE_CARD = "4000000000000341";
const DECLINING_CENTS = new Set([5, 6, 7, 41, 43, 51, 59]);

function refuse(field: string, message: string): never {
  throw new FloorRefusal("validation", "Request validation failed", { [field]: message });
}

/** The next midnight UTC: when a sandbox capture settles. */
function nextMidnight(at: Date): Date {
  const next = new Date(at);
  next.setUTCHours(24, 0, 0, 0);
  return next;
}

export async function sale(
  store: FloorStore,
  caller: FloorCaller,
  body: Record<string, unknown>,
  facts: { clientAddress: string | null; requestId: string },
): Promise<Answer> {
  for (const key of Object.keys(body)) if (!SALE_FIELDS.has(key)) refuse(key, "is not a field the bench's floor checks");
  if (typeof body.merchant_id !== "number" || !Number.isInteger(body.merchant_id) || body.merchant_id < 0) refuse("merchant_id", "is required");
  checkMerchantScope(caller.merchantId, body.merchant_id);
  const amountMinor = toMinorUnits(body.amt_tran, USD);
  if (typeof amountMinor !== "number" || amountMinor === 0) refuse("amt_tran", "must be a decimal amount above 0");
  if (typeof body.card_id !== "string" || !/^[0-9a-f]{32}$/.test(body.card_id)) refuse("card_id", "must be 32 lowercase hex characters");
  const card = await store.saleCard(caller.merchantId, body.card_id);
  if (!card) refuse("card_id", "is not a card in this merchant's vault");
  const now = new Date();
  const expiry = expDateProblem(card.expDate, now);
  if (expiry) refuse("exp_date", expiry);

  const number = openSealed(card.sealedNumber, cardAad(caller.merchantId, card.id));
  const cents = amountMinor % 100;
  // The bench charges approvable amounts; a decline is the product's to show, not the floor's.
  if (DECLINING_CENTS.has(cents) || cents === 10 || number === DECLINE_CARD) refuse("amt_tran", "is one the floor does not approve");
  const authCode = `T${String(randomInt(100_000)).padStart(5, "0")}`;
  const pgId = randomHexId();
  const rmsg = `Approved ${authCode}`;
  const transaction = {
    pgId,
    type: "sale",
    status: "C",
    amount: toMajorUnits(amountMinor, USD),
    currency: 840,
    rcode: "000",
    rmsg,
    authCode,
    cardId: card.id,
    customerId: card.customerId,
    maskedNumber: card.maskedNumber,
    cardType: card.cardType,
    merchRefNum: null,
    purchaseId: null,
    originalPgId: null,
  };
  const minor = BigInt(amountMinor);
  await store.insertSale({
    merchantId: caller.merchantId,
    now,
    transaction: [
      ...[pgId, caller.merchantId, "sale", "C", 840, minor, minor, minor, 0n],
      ...[card.id, card.customerId, card.maskedNumber, card.cardType, card.fingerprint, "000", rmsg, authCode, null, null],
      ...[null, null, null, null, "sandbox", null, nextMidnight(now), now, now],
    ],
    actor: `api_key:${caller.apiKeyId}`,
    clientAddress: facts.clientAddress,
    requestId: facts.requestId,
    audit: { action: "transaction.sale", targetType: "transaction", targetId: pgId },
    event: { eventId: randomHexId(), type: "transaction_approved", payload: JSON.stringify(transactionEventData(transaction)) },
  });
  return { status: 200, body: { pg_id: pgId, rcode: "000", rmsg, auth_code: authCode, card_id: card.id } };
}
