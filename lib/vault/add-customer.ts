import "#server-only";
import { randomInt } from "node:crypto";
import { getDb, type Tx } from "../db/client";
import { ApiError, type FieldErrors } from "../errors/api-error";
import { isUniqueViolation } from "../db/unique-violation";
import type { Actor } from "../audit/record-audit";
import { prepareCard, throwIfErrors, type PreparedCard } from "./prepare-card";
import { customerColumns } from "./customer-columns";
import { insertCustomerRowSql } from "./insert-customer-row";
import { insertNewCustomer, insertNewCustomerIn, type NewCustomer } from "./insert-new-customer";
import { listShippingRows, type CardRow } from "./customer-query";
import { customerToResponse } from "./to-response";
import type { AddCustomerInput } from "./schemas";
import type { CustomerResponse } from "./schemas";

const GENERATED_ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A customer_id for auto_generate_customer_id: 16 unambiguous letters and digits. */
export function generateCustomerId(): string {
  let id = "";
  for (let i = 0; i < 16; i++) id += GENERATED_ID_ALPHABET[randomInt(GENERATED_ID_ALPHABET.length)];
  return id;
}

/** Adds a customer, with any cards and shipping addresses sent along, atomically (see insert-new-customer.ts). */
export async function addCustomer(actor: Actor, input: AddCustomerInput): Promise<CustomerResponse> {
  const { customerId, cards, addresses, customer, rows } = newCustomer(actor, input);
  await refusingTakenId(customerId, () => insertNewCustomer(rows));
  // The answer is what was just written; only generated shipping ids need a read.
  const shippingAddresses = addresses.length > 0 ? await listShippingRows(getDb(), actor.merchantId, customerId) : [];
  return customerToResponse({ ...customer.row, cards: cards.map(toCardRow), shippingAddresses });
}

/**
 * Adds a customer inside the caller's transaction, with the same rows, audit
 * rows and events as addCustomer, for a change that creates one along with
 * something of its own (a subscription's inline customer). Answers its key
 * and customer_id, and how many cards it has.
 */
export async function addCustomerIn(tx: Tx, actor: Actor, input: AddCustomerInput): Promise<{ pk: number; customerId: string; cardCount: number }> {
  const { customerId, cards, rows } = newCustomer(actor, input);
  await refusingTakenId(customerId, () => insertNewCustomerIn(tx, rows));
  const [row] = await tx.$queryRaw<{ id: number }[]>`SELECT "id" FROM "Customer" WHERE "merchantId" = ${actor.merchantId} AND "customerId" = ${customerId}`;
  if (!row) throw new Error(`customer ${customerId} was not written`);
  return { pk: Number(row.id), customerId, cardCount: cards.length };
}

/** A new customer's rows, from the request: its cards prepared (sealed, fingerprinted) and checked, a 400 naming every card field at fault. */
function newCustomer(actor: Actor, input: AddCustomerInput) {
  const customerId = input.customer_id ?? generateCustomerId();
  const cards = prepareCards(actor.merchantId, input);
  const addresses = input.shipping_addresses ?? [];
  const primaryAddress = Math.max(
    0,
    addresses.findIndex((a) => a.primary),
  );
  const customer = insertCustomerRowSql(actor.merchantId, customerId, customerColumns(input));
  const rows: NewCustomer = { actor, customerId, customerSql: customer.sql, cards, addresses, primaryAddress };
  return { customerId, cards, addresses, customer, rows };
}

/** Runs the insert; a taken customer_id (the unique index decides) is a 409. */
async function refusingTakenId(customerId: string, insert: () => Promise<void>): Promise<void> {
  try {
    await insert();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError("conflict", `customer_id ${customerId} already exists`);
    throw error;
  }
}

function prepareCards(merchantId: bigint, input: AddCustomerInput): (PreparedCard & { isPrimary: boolean })[] {
  const errors: FieldErrors = {};
  const prepared: PreparedCard[] = [];
  for (const [index, card] of (input.billing_cards ?? []).entries()) {
    const ready = prepareCard(card, merchantId, `billing_cards[${index}].`, errors);
    if (ready) prepared.push(ready);
  }
  throwIfErrors(errors);
  const seen = new Set<string>();
  for (const card of prepared) {
    if (seen.has(card.fingerprint)) throw new ApiError("conflict", "The same card number appears twice");
    seen.add(card.fingerprint);
  }
  const primary = Math.max(
    0,
    (input.billing_cards ?? []).findIndex((c) => c.primary),
  );
  return prepared.map((card, index) => ({ ...card, isPrimary: index === primary }));
}

function toCardRow(card: PreparedCard & { isPrimary: boolean }): CardRow {
  const { emails = null, firstName = null, lastName = null, firmName = null, addr1 = null, addr2 = null } = card;
  const { city = null, state = null, zip4 = null, country = null, countryCode = null } = card;
  return {
    id: card.id,
    maskedNumber: card.maskedNumber,
    cardType: card.cardType,
    expDate: card.expDate,
    zip: card.zip,
    isPrimary: card.isPrimary,
    createdAt: new Date(),
    ...{ emails, firstName, lastName, firmName, addr1, addr2, city, state, zip4, country, countryCode },
  };
}
