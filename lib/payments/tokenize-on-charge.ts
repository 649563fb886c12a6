import "#server-only";
import { auditRowsSql, type Actor } from "../audit/record-audit";
import { directQuery } from "../db/direct-sql";
import { Prisma } from "../db/sql";
import { fieldError } from "../errors/api-error";
import { cardEventData } from "../events/event-data";
import { eventRowsSql } from "../events/record-event";
import { prepareCard, throwIfErrors } from "../vault/prepare-card";
import { insertCardRowsSql } from "../vault/insert-card-rows";
import type { FieldErrors } from "../errors/api-error";
import { tokenStatement } from "./card-tokens";
import type { ChargeCard } from "./charge-card-source";
import type { PgTransactionRequest } from "./schemas";

// tokenize: true on a sale, auth or verify with a keyed card
// (docs/payments.md, "Tokens"): the card is stored on the customer named by
// customer_id when it exists (its existing card_id when it already has this
// card), else as a token. Decided before the connector is called; the
// statements run with the transaction's outcome, and only if it is approved.

export type CardToStore = { cardId: string; customerId: string | null; statements: Prisma.Sql[] };

export async function cardToStore(actor: Actor, card: ChargeCard, input: PgTransactionRequest): Promise<CardToStore> {
  if (input.customer_id !== undefined) {
    const [customer] = await directQuery<{ id: number }>(
      Prisma.sql`SELECT "id" FROM "Customer" WHERE "merchantId" = ${actor.merchantId} AND "customerId" = ${input.customer_id}`,
    );
    if (customer) return onCustomer(actor, card, input, input.customer_id, Number(customer.id));
  }
  const details = {
    expDate: card.expDate,
    cardholderName: input.cardholder_name ?? null,
    avsAddress: input.avs_address ?? null,
    avsZip: input.avs_zip ?? null,
  };
  const token = await tokenStatement(actor.merchantId, card, details);
  return {
    cardId: token.cardId,
    customerId: null,
    statements: [token.sql, auditRowsSql(actor, [{ action: "card_token.create", type: "card_token", id: token.cardId }])],
  };
}

async function onCustomer(actor: Actor, card: ChargeCard, input: PgTransactionRequest, customerId: string, customerPk: number): Promise<CardToStore> {
  const [existing] = await directQuery<{ id: string }>(
    Prisma.sql`SELECT "id" FROM "Card" WHERE "customerPk" = ${customerPk} AND "fingerprint" = ${card.fingerprint}`,
  );
  if (existing) return { cardId: existing.id, customerId, statements: [] };
  // A vault card needs its billing zip, as every card add does.
  if (!input.avs_zip) throw fieldError("avs_zip", "is required to store the card on the customer (tokenize: true)");
  const errors: FieldErrors = {};
  const prepared = prepareCard(
    { card_number: card.openNumber(), exp_date: card.expDate, billing_zip: input.avs_zip, billing_addr1: input.avs_address },
    actor.merchantId,
    "",
    errors,
  );
  throwIfErrors(errors);
  if (!prepared) throw fieldError("card_number", "could not be stored");
  const pk = Prisma.sql`${customerPk}`;
  const isPrimary = Prisma.sql`NOT EXISTS (SELECT 1 FROM "Card" WHERE "customerPk" = ${pk})`;
  return {
    cardId: prepared.id,
    customerId,
    statements: [
      insertCardRowsSql(pk, [{ ...prepared, isPrimary }]),
      auditRowsSql(actor, [{ action: "card.create", type: "card", id: prepared.id }]),
      eventRowsSql(actor.merchantId, [{ type: "vault_card_created", data: cardEventData(customerId, prepared) }]).sql,
    ],
  };
}
