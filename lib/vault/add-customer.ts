import "server-only";
import { randomInt } from "node:crypto";
import { getDb } from "../db/client";
import { ApiError, type FieldErrors } from "../api/api-error";
import { isUniqueViolation } from "../api/to-api-error";
import { recordAudit, type Actor } from "../audit/record-audit";
import { prepareCard, throwIfErrors, type PreparedCard } from "./prepare-card";
import { shippingColumns } from "./shipping-columns";
import { customerColumns } from "./customer-columns";
import { customerInclude } from "./customer-query";
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
      const customer = await tx.customer.create({
        data: { merchantId: actor.merchantId, customerId, ...customerColumns(input) },
        select: { id: true },
      });
      if (cards.length > 0) {
        await tx.card.createMany({ data: cards.map((card) => ({ ...card, customerPk: customer.id })) });
      }
      for (const [index, address] of addresses.entries()) {
        await tx.shippingAddress.create({
          data: {
            merchantId: actor.merchantId,
            customerPk: customer.id,
            ...shippingColumns(address),
            firstName: address.shipping_first_name,
            lastName: address.shipping_last_name,
            isPrimary: index === primaryAddress,
          },
        });
      }
      await recordAudit(tx, actor, "customer.create", { type: "customer", id: customerId });
      for (const card of cards) await recordAudit(tx, actor, "card.create", { type: "card", id: card.id });
      const created = await tx.customer.findUniqueOrThrow({ where: { id: customer.id }, include: customerInclude });
      return customerToResponse(created);
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
