import "#server-only";
import { recordEvent } from "../events/record-event";
import { type Tx } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { ApiError, fieldError } from "../errors/api-error";
import { requestAmount } from "../payments/amount";
import { requestCurrency } from "../payments/request-currency";
import { isUniqueViolation } from "../db/unique-violation";
import { recordAudit, recordAuditMany, type Actor } from "../audit/record-audit";
import { randomHexId } from "../crypto/random-id";
import { getCardOrThrow } from "../vault/get-card-or-throw";
import { customerColumns } from "../vault/customer-columns";
import { getCustomerPkOrThrow } from "../vault/customer-query";
import { insertCustomerRowSql } from "../vault/insert-customer-row";
import { hasCustomerName, NAME_RULE } from "../vault/schemas";
import { checkoutSelect, checkoutToResponse } from "./checkout-row";
import type { CheckoutResponse, CreateCheckoutInput } from "./schemas";

/**
 * Creates a checkout link: a card-capture link, or with amt_tran a payment
 * link (docs/payments.md). The customer is created now if new, as the
 * reference service does (docs/api-contract.md), prefilled from the request;
 * a card_id must be one of that customer's cards, and the link will then
 * update it instead of adding one.
 */
export async function createCheckout(actor: Actor, input: CreateCheckoutInput): Promise<CheckoutResponse> {
  // Two first links for one new customer_id race to create it: the loser's
  // insert fails the unique index, and its second try finds the customer.
  for (let attempt = 0; ; attempt++) {
    try {
      return await writeTransaction((tx) => createInTransaction(tx, actor, input));
    } catch (error) {
      if (attempt === 0 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/** What makes a link a payment link: its amount (0 for a card-capture link), currency and charge; a 400 for what cannot be. */
export function checkoutPaymentOf(input: CreateCheckoutInput) {
  const currency = requestCurrency(input.tran_currency);
  const amountMinor = requestAmount(input.amt_tran, currency, "allowed");
  if (amountMinor === 0) {
    if (input.preferences.request_type) throw fieldError("preferences.request_type", "is for a payment link: send amt_tran above 0");
    return { amountMinor: 0n, currency: currency.number, requestType: "sale", purchaseId: input.purchase_id ?? null, merchRefNum: input.merch_ref_num ?? null };
  }
  // A payment link charges a new card; updating a stored one is a card-capture link's job.
  if (input.card_id) throw fieldError("card_id", "cannot be sent with amt_tran: a payment link charges the card typed on it");
  return {
    amountMinor: BigInt(amountMinor),
    currency: currency.number,
    requestType: input.preferences.request_type ?? "sale",
    purchaseId: input.purchase_id ?? null,
    merchRefNum: input.merch_ref_num ?? null,
  };
}

async function createInTransaction(tx: Tx, actor: Actor, input: CreateCheckoutInput): Promise<CheckoutResponse> {
  const payment = checkoutPaymentOf(input);
  const customerPk = (await findCustomerPk(tx, actor.merchantId, input.customer_id)) ?? (await createCustomer(tx, actor, input));
  if (input.card_id) await getCardOrThrow(tx, customerPk, input.card_id);
  const { successUrl, failureUrl } = await redirectUrls(tx, actor.merchantId, input.preferences);
  const id = randomHexId();
  const row = await tx.checkout.create({
    data: {
      id,
      merchantId: actor.merchantId,
      customerPk,
      cardId: input.card_id ?? null,
      successUrl,
      failureUrl,
      expiresAt: new Date(Date.now() + input.preferences.expire_in_secs * 1000),
      locale: input.preferences.locale ?? null,
      country: input.preferences.default_country ?? null,
      askAddress: input.preferences.request_billing_address ?? false,
      ...payment,
    },
    select: checkoutSelect,
  });
  await recordAudit(tx, actor, "checkout.create", { type: "checkout", id });
  return checkoutToResponse(row);
}

/**
 * The link's own success_url and failure_url, or else the merchant's
 * defaults (set in the portal), copied now: changing a default later does
 * not move links already made.
 */
async function redirectUrls(tx: Tx, merchantId: bigint, preferences: CreateCheckoutInput["preferences"]) {
  const own = { successUrl: preferences.success_url ?? null, failureUrl: preferences.failure_url ?? null };
  if (own.successUrl && own.failureUrl) return own;
  const defaults = await tx.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { defaultSuccessUrl: true, defaultFailureUrl: true } });
  return { successUrl: own.successUrl ?? defaults.defaultSuccessUrl, failureUrl: own.failureUrl ?? defaults.defaultFailureUrl };
}

async function findCustomerPk(tx: Tx, merchantId: bigint, customerId: string): Promise<number | null> {
  try {
    return await getCustomerPkOrThrow(tx, merchantId, customerId);
  } catch (error) {
    if (error instanceof ApiError && error.kind === "not_found") return null;
    throw error;
  }
}

async function createCustomer(tx: Tx, actor: Actor, input: CreateCheckoutInput): Promise<number> {
  if (input.card_id) throw new ApiError("not_found", "Card not found");
  if (!hasCustomerName(input)) {
    throw new ApiError("validation", "Request validation failed", { customer_first_name: `${NAME_RULE} for a new customer` });
  }
  const { customer_first_name, customer_last_name, customer_firm_name, customer_email, customer_phone } = input;
  const columns = customerColumns({ customer_first_name, customer_last_name, customer_firm_name, customer_email, customer_phone });
  await tx.$executeRaw(insertCustomerRowSql(actor.merchantId, input.customer_id, columns).sql);
  await recordAuditMany(tx, actor, [{ action: "customer.create", type: "customer", id: input.customer_id }]);
  await recordEvent(tx, actor.merchantId, "vault_customer_created", { customer_id: input.customer_id });
  return getCustomerPkOrThrow(tx, actor.merchantId, input.customer_id);
}
