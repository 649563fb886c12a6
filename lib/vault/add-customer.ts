import "server-only";
import { randomInt } from "node:crypto";
import { getDb } from "../db/client";
import { ApiError, type FieldErrors } from "../api/api-error";
import { isUniqueViolation } from "../api/to-api-error";
import { recordAuditMany, type Actor } from "../audit/record-audit";
import { prepareCard, throwIfErrors, type PreparedCard } from "./prepare-card";
import { shippingColumns } from "./shipping-columns";
import { customerColumns } from "./customer-columns";
import { insertCustomerRow } from "./insert-customer-row";
import { insertCardRows } from "./insert-card-rows";
import { shippingSelect, type CardRow } from "./customer-query";
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

/** Adds a customer, with any cards and shipping addresses sent along, in one transaction. */
export async function addCustomer(actor: Actor, input: AddCustomerInput): Promise<CustomerResponse> {
  const customerId = input.customer_id ?? generateCustomerId();
  const cards = prepareCards(actor.merchantId, input);
  const addresses = input.shipping_addresses ?? [];
  const primaryAddress = Math.max(0, addresses.findIndex((a) => a.primary));

  try {
    return await getDb().$transaction(async (tx) => {
      const customer = await insertCustomerRow(tx, actor.merchantId, customerId, customerColumns(input));
      await insertCardRows(tx, customer.id, cards);
      const shippingAddresses = [];
      for (const [index, address] of addresses.entries()) {
        shippingAddresses.push(
          await tx.shippingAddress.create({
            data: {
              merchantId: actor.merchantId,
              customerPk: customer.id,
              ...shippingColumns(address),
              firstName: address.shipping_first_name,
              lastName: address.shipping_last_name,
              isPrimary: index === primaryAddress,
            },
            select: shippingSelect,
          }),
        );
      }
      await recordAuditMany(tx, actor, [
        { action: "customer.create", type: "customer", id: customerId },
        ...cards.map((card) => ({ action: "card.create", type: "card", id: card.id })),
        ...shippingAddresses.map((a) => ({ action: "shipping.create", type: "shipping_address", id: String(a.id) })),
      ]);
      // Everything in the answer was just written: no read-back needed.
      return customerToResponse({ ...customer, cards: cards.map(toCardRow), shippingAddresses });
    });
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
  const primary = Math.max(0, (input.billing_cards ?? []).findIndex((c) => c.primary));
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
