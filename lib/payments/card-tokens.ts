import "#server-only";
import { auditRowsSql, type Actor } from "../audit/record-audit";
import { seal } from "../crypto/seal";
import { randomHexId } from "../crypto/random-id";
import { toDbBytes } from "../db/bytes";
import { directQuery, directWriteAtomically } from "../db/direct-sql";
import { Prisma } from "../db/sql";
import { expDateProblem } from "../cards/expiry";
import { fieldError } from "../errors/api-error";
import type { RouteResult } from "../http/route-result";
import { cardAad } from "../vault/prepare-card";
import { cardColumn } from "../vault/rewrap-card-numbers";
import { resolveChargeCard, type ChargeCard } from "./charge-card-source";
import type { PgExpireTokenRequest, PgTokenizeRequest } from "./schemas";

// The gateway's card tokens (docs/payments.md, "Tokens"): cards stored
// without a customer, whose card_id later charges stand on. One per card
// and merchant: tokenizing a card again answers its card_id, with the new
// expiry. Sealed like vault cards, under the same associated data.

/** Key rotation's entry for the tokens' numbers. */
export const tokenNumbers = cardColumn("cardToken", "card_token");

/** What a token keeps besides the number. */
type TokenDetails = { expDate: string; cardholderName: string | null; avsAddress: string | null; avsZip: string | null };

/**
 * The statement that stores a keyed card as this merchant's token (or
 * refreshes the token it already has), and the card_id it has: a read finds
 * an existing token first, so its id stays.
 */
export async function tokenStatement(merchantId: bigint, card: ChargeCard, details: TokenDetails): Promise<{ cardId: string; sql: Prisma.Sql }> {
  const [existing] = await directQuery<{ id: string }>(
    Prisma.sql`SELECT "id" FROM "CardToken" WHERE "merchantId" = ${merchantId} AND "fingerprint" = ${card.fingerprint}`,
  );
  const now = new Date();
  if (existing) {
    return {
      cardId: existing.id,
      sql: Prisma.sql`
        UPDATE "CardToken" SET "expDate" = ${details.expDate}, "cardholderName" = ${details.cardholderName}, "avsAddress" = ${details.avsAddress},
          "avsZip" = ${details.avsZip}, "updatedAt" = ${now}
        WHERE "id" = ${existing.id}`,
    };
  }
  const cardId = randomHexId();
  const { sealed, kekVersion } = seal(card.openNumber(), cardAad(merchantId, cardId));
  return {
    cardId,
    sql: Prisma.sql`
      INSERT INTO "CardToken" ("id", "merchantId", "fingerprint", "maskedNumber", "cardType", "expDate", "sealedNumber", "kekVersion",
        "cardholderName", "avsAddress", "avsZip", "createdAt", "updatedAt")
      VALUES (${cardId}, ${merchantId}, ${card.fingerprint}, ${card.maskedNumber}, ${card.cardType}, ${details.expDate}, ${toDbBytes(sealed)}, ${kekVersion},
        ${details.cardholderName}, ${details.avsAddress}, ${details.avsZip}, ${now}, ${now})`,
  };
}

/** POST /pg/tokenize: a keyed card stored as a token, or a token's expiry and details changed (card_id). */
export async function tokenizeCard(actor: Actor, input: PgTokenizeRequest): Promise<RouteResult> {
  const details: TokenDetails = {
    expDate: input.exp_date,
    cardholderName: input.cardholder_name ?? null,
    avsAddress: input.avs_address ?? null,
    avsZip: input.avs_zip ?? null,
  };
  let cardId: string;
  let maskedNumber: string;
  if (input.card_number === undefined && input.card_id !== undefined) {
    const [token] = await directQuery<{ maskedNumber: string }>(
      Prisma.sql`SELECT "maskedNumber" FROM "CardToken" WHERE "id" = ${input.card_id} AND "merchantId" = ${actor.merchantId}`,
    );
    if (!token)
      throw fieldError("card_id", "is not a token of this merchant (a customer's card changes through PUT /platform/vault/customer/{customer_id}/billing)");
    const expiry = expDateProblem(input.exp_date, new Date());
    if (expiry) throw fieldError("exp_date", expiry);
    cardId = input.card_id;
    maskedNumber = token.maskedNumber;
    await directWriteAtomically([
      Prisma.sql`
        UPDATE "CardToken" SET "expDate" = ${details.expDate}, "cardholderName" = COALESCE(${details.cardholderName}, "cardholderName"),
          "avsAddress" = COALESCE(${details.avsAddress}, "avsAddress"), "avsZip" = COALESCE(${details.avsZip}, "avsZip"), "updatedAt" = ${new Date()}
        WHERE "id" = ${cardId}`,
      auditRowsSql(actor, [{ action: "card_token.update", type: "card_token", id: cardId }]),
    ]);
  } else {
    if (input.card_id !== undefined) throw fieldError("card_number", "send card_number or card_id, not both");
    const card = await resolveChargeCard(
      actor.merchantId,
      { merchant_id: 0, card_number: input.card_number ?? "", exp_date: input.exp_date, cvv2: input.cvv2 },
      new Date(),
    );
    const stored = await tokenStatement(actor.merchantId, card, details);
    cardId = stored.cardId;
    maskedNumber = card.maskedNumber;
    await directWriteAtomically([stored.sql, auditRowsSql(actor, [{ action: "card_token.create", type: "card_token", id: cardId }])]);
  }
  return {
    status: 200,
    body: {
      pg_id: randomHexId(),
      rcode: "000",
      rmsg: "Token request complete",
      card_id: cardId,
      card_number: maskedNumber,
      ...(input.echo_fields !== undefined ? { echo_fields: input.echo_fields } : {}),
    },
  };
}

/** POST /pg/expireToken: the token is removed; later charges on its card_id are refused. */
export async function expireToken(actor: Actor, input: PgExpireTokenRequest): Promise<RouteResult> {
  const [token] = await directQuery<{ id: string }>(
    Prisma.sql`SELECT "id" FROM "CardToken" WHERE "id" = ${input.card_id} AND "merchantId" = ${actor.merchantId}`,
  );
  if (!token) throw fieldError("card_id", "is not a token of this merchant (a customer's card is deleted through the vault API)");
  await directWriteAtomically([
    Prisma.sql`DELETE FROM "CardToken" WHERE "id" = ${token.id}`,
    auditRowsSql(actor, [{ action: "card_token.expire", type: "card_token", id: token.id }]),
  ]);
  return {
    status: 200,
    body: { pg_id: randomHexId(), rcode: "000", rmsg: "Token removed", ...(input.echo_fields !== undefined ? { echo_fields: input.echo_fields } : {}) },
  };
}
