import "#server-only";
import { validateCardNumber } from "../cards/card-number";
import { expDateProblem } from "../cards/expiry";
import { maskCardNumber } from "../cards/mask";
import { openSealed } from "../crypto/seal";
import { directQuery } from "../db/direct-sql";
import { Prisma } from "../db/sql";
import { fieldError, withRcode } from "../errors/api-error";
import { cardAad, cardFingerprint, CARD_NUMBER_PROBLEMS } from "../vault/prepare-card";
import type { PgTransactionRequest } from "./schemas";

// Which card a sale, auth, verify or credit is made on (docs/payments.md,
// "Card source"): exactly one of a vault card_id, a customer's primary card
// (customer_id alone), or a keyed card_number with exp_date. The full number
// is not read here: `openNumber` unseals it when a connector asks, inside
// its call.

export type ChargeCard = {
  /** The vault card, when the charge is on one. */
  cardId: string | null;
  customerId: string | null;
  customerPk: number | null;
  maskedNumber: string;
  cardType: string;
  /** MMYY: the card's own, or the one sent for this transaction. */
  expDate: string;
  /** The vault's fingerprint of the number (this merchant's): what a duplicate sale is recognised by. */
  fingerprint: string;
  openNumber(): string;
};

type StoredCardRow = {
  id: string;
  maskedNumber: string;
  cardType: string;
  expDate: string;
  fingerprint: string;
  sealedNumber: Uint8Array;
  customerId: string;
  customerPk: number;
};

/**
 * Vault cards read ahead for many charges at once (readStoredCards, the
 * billing run's batches): resolveChargeCard takes a card_id's row, or a
 * customer's primary card, from here instead of reading it, and reads what
 * is not here as it would have.
 */
export type StoredCards = { byId: ReadonlyMap<string, StoredCardRow>; primaryByCustomer: ReadonlyMap<string, StoredCardRow> };

const STORED_CARD_SELECT = Prisma.sql`
  SELECT c."id", c."maskedNumber", c."cardType", c."expDate", c."fingerprint", c."sealedNumber", cu."customerId", cu."id" AS "customerPk"
  FROM "Card" c JOIN "Customer" cu ON cu."id" = c."customerPk"`;

/** The merchant's vault cards with these ids, and these customers' primary cards: one query each, not one per charge. */
export async function readStoredCards(merchantId: bigint, wanted: { cardIds: string[]; customerIds: string[] }): Promise<StoredCards> {
  const byId = new Map<string, StoredCardRow>();
  const primaryByCustomer = new Map<string, StoredCardRow>();
  const cardIds = [...new Set(wanted.cardIds)];
  const customerIds = [...new Set(wanted.customerIds)];
  if (cardIds.length > 0) {
    const rows = await directQuery<StoredCardRow>(
      Prisma.sql`${STORED_CARD_SELECT} WHERE c."merchantId" = ${merchantId} AND c."id" IN (${Prisma.join(cardIds)})`,
    );
    for (const row of rows) byId.set(row.id, row);
  }
  if (customerIds.length > 0) {
    const rows = await directQuery<StoredCardRow>(
      Prisma.sql`${STORED_CARD_SELECT} WHERE cu."merchantId" = ${merchantId} AND cu."customerId" IN (${Prisma.join(customerIds)}) AND c."isPrimary" = ${true}`,
    );
    for (const row of rows) if (!primaryByCustomer.has(row.customerId)) primaryByCustomer.set(row.customerId, row);
  }
  return { byId, primaryByCustomer };
}

/** The card the request names, or a 400 saying which field is wrong. `stored`: cards read ahead (readStoredCards). */
export async function resolveChargeCard(merchantId: bigint, input: PgTransactionRequest, now: Date, stored?: StoredCards): Promise<ChargeCard> {
  if (input.card_number !== undefined && input.card_id !== undefined) {
    throw fieldError("card_number", "send card_number or card_id, not both");
  }
  const card = input.card_number !== undefined ? keyedCard(merchantId, input) : await storedCard(merchantId, input, stored);
  const expiry = expDateProblem(card.expDate, now);
  if (expiry) throw fieldError("exp_date", expiry);
  if (input.cvv2 !== undefined) {
    const wanted = card.cardType === "AM" ? 4 : 3;
    if (input.cvv2.length !== wanted) throw fieldError("cvv2", `must be ${wanted} digits for this card`);
  }
  return card;
}

function keyedCard(merchantId: bigint, input: PgTransactionRequest): ChargeCard {
  const checked = validateCardNumber(input.card_number ?? "");
  if (!checked.ok) throw fieldError("card_number", CARD_NUMBER_PROBLEMS[checked.reason]);
  if (!input.exp_date) throw fieldError("exp_date", "is required with card_number");
  const digits = checked.digits;
  return {
    cardId: null,
    customerId: input.customer_id ?? null,
    customerPk: null,
    maskedNumber: maskCardNumber(digits),
    cardType: checked.cardType,
    expDate: input.exp_date,
    fingerprint: cardFingerprint(merchantId, digits),
    openNumber: () => digits,
  };
}

async function storedCard(merchantId: bigint, input: PgTransactionRequest, stored?: StoredCards): Promise<ChargeCard> {
  const select = STORED_CARD_SELECT;
  let row: StoredCardRow | undefined;
  if (input.card_id !== undefined) {
    row = stored?.byId.get(input.card_id);
    if (!row) [row] = await directQuery<StoredCardRow>(Prisma.sql`${select} WHERE c."id" = ${input.card_id} AND c."merchantId" = ${merchantId}`);
    if (!row) {
      const token = await tokenCard(merchantId, input);
      if (token) return token;
    }
    // Another merchant's card_id is as unknown as one never issued.
    if (!row) throw fieldError("card_id", "is not a card in this merchant's vault, nor one of its tokens");
    if (input.customer_id !== undefined && input.customer_id !== row.customerId) {
      throw fieldError("customer_id", "does not match the card_id: the card belongs to another customer");
    }
  } else if (input.customer_id !== undefined) {
    row = stored?.primaryByCustomer.get(input.customer_id);
    if (!row) {
      [row] = await directQuery<StoredCardRow>(
        Prisma.sql`${select} WHERE cu."merchantId" = ${merchantId} AND cu."customerId" = ${input.customer_id} AND c."isPrimary" = ${true}`,
      );
    }
    if (!row) throw fieldError("customer_id", "has no card on file: no such customer, or the customer has no card");
  } else {
    throw withRcode(fieldError("card_number", "is required: send card_id, customer_id, or card_number with exp_date"), "103");
  }
  const found = row;
  return {
    cardId: found.id,
    customerId: found.customerId,
    customerPk: Number(found.customerPk),
    maskedNumber: found.maskedNumber,
    cardType: found.cardType,
    // An exp_date sent with a card_id is for this transaction only; the stored one is unchanged.
    expDate: input.exp_date ?? found.expDate,
    fingerprint: found.fingerprint,
    openNumber: () => openSealed(found.sealedNumber, cardAad(merchantId, found.id)),
  };
}

/** A /pg/tokenize token of this merchant, which belongs to no customer. */
async function tokenCard(merchantId: bigint, input: PgTransactionRequest): Promise<ChargeCard | null> {
  const [token] = await directQuery<Omit<StoredCardRow, "customerId" | "customerPk">>(Prisma.sql`
    SELECT "id", "maskedNumber", "cardType", "expDate", "fingerprint", "sealedNumber" FROM "CardToken"
    WHERE "id" = ${input.card_id} AND "merchantId" = ${merchantId}`);
  if (!token) return null;
  if (input.customer_id !== undefined) throw fieldError("customer_id", "does not match the card_id: a token belongs to no customer");
  return {
    cardId: token.id,
    customerId: null,
    customerPk: null,
    maskedNumber: token.maskedNumber,
    cardType: token.cardType,
    expDate: input.exp_date ?? token.expDate,
    fingerprint: token.fingerprint,
    openNumber: () => openSealed(token.sealedNumber, cardAad(merchantId, token.id)),
  };
}
