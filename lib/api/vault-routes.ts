import { z } from "zod";
import { CUSTOMER_FIELDS } from "../vault/browse-filter";
import {
  AddBillingCardSchema,
  AddCustomerSchema,
  AddShippingAddressSchema,
  BillingCardResponseSchema,
  BrowseQuerySchema,
  CardIdBodySchema,
  CustomerPathSchema,
  CustomerResponseSchema,
  ShippingAddressResponseSchema,
  ShippingIdBodySchema,
  ShippingPathSchema,
  UpdateBillingCardSchema,
  UpdateCustomerSchema,
  UpdateShippingAddressSchema,
} from "../vault/schemas";
import { DUPLICATE_CARD_LIMIT } from "../vault/duplicate-card-limit";
import { addBillingCard } from "../vault/add-billing-card";
import { addCustomer } from "../vault/add-customer";
import { addShippingAddress } from "../vault/add-shipping-address";
import { browseCustomers } from "../vault/browse-customers";
import { deleteCustomerCancellingSubscriptions } from "../billing/subscription-operations/delete-customer";
import { deleteBillingCard } from "../vault/delete-billing-card";
import { deleteShippingAddress } from "../vault/delete-shipping-address";
import { getCustomer } from "../vault/get-customer";
import { listBillingCards } from "../vault/list-billing-cards";
import { listShippingAddresses } from "../vault/list-shipping-addresses";
import { setPrimaryBillingCard } from "../vault/set-primary-billing-card";
import { setPrimaryShippingAddress } from "../vault/set-primary-shipping-address";
import { updateBillingCard } from "../vault/update-billing-card";
import { updateCustomer } from "../vault/update-customer";
import { updateShippingAddress } from "../vault/update-shipping-address";
import { browseQueryDescriptions } from "../openapi/browse-query-descriptions";
import { describeFields, TAGS } from "../openapi/operation";
import { apiOperation, type ApiRoute } from "./api-operation";
import { success, successList, successMessage } from "./envelope";

// The Customer Vault operations: customers, their cards and shipping addresses.

// The duplicate-card limit on card adds (lib/vault/duplicate-card-limit.ts), in the operations that add cards.
const DUPLICATE_CARD_LIMIT_RULE = `after ${DUPLICATE_CARD_LIMIT.limit} such answers within ${DUPLICATE_CARD_LIMIT.windowSeconds / 60} minutes, the key's card adds are a 429 until those minutes are over.`;

const tag = TAGS.vault;
const Customer = CustomerResponseSchema;

/** The vault's response shapes, named once in the document's components. */
export const vaultComponents = { Customer: CustomerResponseSchema, BillingCard: BillingCardResponseSchema, ShippingAddress: ShippingAddressResponseSchema };

const customerPath = describeFields(CustomerPathSchema, { customer_id: "The merchant's id for the customer: 1 to 32 letters and digits, case-sensitive." });
const shippingPath = describeFields(ShippingPathSchema, {
  customer_id: "The merchant's id for the customer.",
  id: "The shipping_id.",
});
const browseQuery = describeFields(BrowseQuerySchema, browseQueryDescriptions(Object.keys(CUSTOMER_FIELDS), "customer_id", "desc"));
const customerAnswer = { data: Customer };

export const vaultRoutes: ApiRoute[] = [
  apiOperation(
    "GET",
    "/vault/customer",
    {
      operationId: "browseCustomers",
      tag,
      summary: "Browse customers",
      description: "One page of the merchant's customers with their cards (masked) and addresses, filtered and sorted.",
      query: browseQuery,
      answer: { list: Customer },
    },
    async ({ actor, query }) => successList(await browseCustomers(actor.merchantId, query)),
  ),
  apiOperation(
    "POST",
    "/vault/customer",
    {
      operationId: "addCustomer",
      tag,
      summary: "Add a customer",
      description:
        "A customer with an id of the merchant's choosing (or a generated one with auto_generate_customer_id), optionally with cards and shipping addresses. A name (first or last) or customer_firm_name is required. The first card and the first address are primary. A customer_id already in use, or the same card number twice, is a 409.",
      body: AddCustomerSchema,
      answer: customerAnswer,
      conflict: true,
    },
    async ({ actor, body }) => success(await addCustomer(actor, body)),
  ),
  apiOperation(
    "GET",
    "/vault/customer/{customer_id}",
    { operationId: "getCustomer", tag, summary: "Get a customer", path: customerPath, answer: customerAnswer },
    async ({ actor, params }) => success(await getCustomer(actor.merchantId, params.customer_id)),
  ),
  apiOperation(
    "PUT",
    "/vault/customer/{customer_id}",
    {
      operationId: "updateCustomer",
      tag,
      summary: "Update a customer",
      description: `Omitted fields stay as they are. customer_id cannot change: one that differs from the path is a 400. billing_cards and shipping_addresses, when sent, replace the customer's cards and addresses. A new card already stored for the customer is a 409; ${DUPLICATE_CARD_LIMIT_RULE}`,
      path: customerPath,
      body: UpdateCustomerSchema,
      answer: customerAnswer,
      conflict: true,
      rateLimited: true,
    },
    async ({ actor, params, body }) => success(await updateCustomer(actor, params.customer_id, body)),
  ),
  apiOperation(
    "DELETE",
    "/vault/customer/{customer_id}",
    {
      operationId: "deleteCustomer",
      tag,
      summary: "Delete a customer",
      description:
        "Deletes the customer with its cards and addresses, after cancelling its active, paused and suspended subscriptions (each with a subscription_cancelled event). Its customer_id may be used again for a new, empty customer; the old card_ids stay dead.",
      path: customerPath,
      answer: "message",
    },
    async ({ actor, params }) => {
      await deleteCustomerCancellingSubscriptions(actor, params.customer_id);
      return successMessage("Customer deleted");
    },
  ),
  apiOperation(
    "GET",
    "/vault/customer/{customer_id}/billing",
    {
      operationId: "listBillingCards",
      tag,
      summary: "List a customer's cards",
      path: customerPath,
      answer: { data: z.object({ billing_cards: z.array(BillingCardResponseSchema) }) },
    },
    async ({ actor, params }) => success(await listBillingCards(actor.merchantId, params.customer_id)),
  ),
  apiOperation(
    "POST",
    "/vault/customer/{customer_id}/billing",
    {
      operationId: "addBillingCard",
      tag,
      summary: "Add a card",
      description: `Either card_number with exp_date (MMYY) and billing_zip, or card_id: a single-use token from the embedded form, whose billing fields the ones sent here override. cvv2 is checked and never stored. The same number twice on one customer is a 409; ${DUPLICATE_CARD_LIMIT_RULE}`,
      path: customerPath,
      body: AddBillingCardSchema,
      answer: customerAnswer,
      conflict: true,
      rateLimited: true,
    },
    async ({ actor, params, body }) => success(await addBillingCard(actor, params.customer_id, body)),
  ),
  apiOperation(
    "PUT",
    "/vault/customer/{customer_id}/billing",
    {
      operationId: "updateBillingCard",
      tag,
      summary: "Update a card",
      description: "Partial: omitted fields stay. The number cannot change (card_number is a 400): add a new card instead.",
      path: customerPath,
      body: UpdateBillingCardSchema,
      answer: customerAnswer,
    },
    async ({ actor, params, body }) => success(await updateBillingCard(actor, params.customer_id, body)),
  ),
  apiOperation(
    "PUT",
    "/vault/customer/{customer_id}/billing/delete",
    {
      operationId: "deleteBillingCard",
      tag,
      summary: "Delete a card",
      description:
        "PUT with the card_id in the body, as the reference API has it. If it was primary, the oldest remaining card becomes primary. A card an active or paused subscription charges (by its card_id, or as the primary card of a subscription without one) cannot be deleted (409).",
      path: customerPath,
      body: CardIdBodySchema,
      answer: customerAnswer,
      conflict: true,
    },
    async ({ actor, params, body }) => success(await deleteBillingCard(actor, params.customer_id, body.card_id)),
  ),
  apiOperation(
    "PUT",
    "/vault/customer/{customer_id}/billing/primary",
    { operationId: "setPrimaryBillingCard", tag, summary: "Make a card primary", path: customerPath, body: CardIdBodySchema, answer: customerAnswer },
    async ({ actor, params, body }) => success(await setPrimaryBillingCard(actor, params.customer_id, body.card_id)),
  ),
  apiOperation(
    "GET",
    "/vault/customer/{customer_id}/shipping",
    {
      operationId: "listShippingAddresses",
      tag,
      summary: "List a customer's shipping addresses",
      path: customerPath,
      answer: { data: z.object({ shipping_addresses: z.array(ShippingAddressResponseSchema) }) },
    },
    async ({ actor, params }) => success(await listShippingAddresses(actor.merchantId, params.customer_id)),
  ),
  apiOperation(
    "POST",
    "/vault/customer/{customer_id}/shipping",
    { operationId: "addShippingAddress", tag, summary: "Add a shipping address", path: customerPath, body: AddShippingAddressSchema, answer: customerAnswer },
    async ({ actor, params, body }) => success(await addShippingAddress(actor, params.customer_id, body)),
  ),
  apiOperation(
    "PUT",
    "/vault/customer/{customer_id}/shipping",
    {
      operationId: "updateShippingAddress",
      tag,
      summary: "Update a shipping address",
      description: "The names are required; other omitted fields stay.",
      path: customerPath,
      body: UpdateShippingAddressSchema,
      answer: customerAnswer,
    },
    async ({ actor, params, body }) => success(await updateShippingAddress(actor, params.customer_id, body)),
  ),
  apiOperation(
    "PUT",
    "/vault/customer/{customer_id}/shipping/primary",
    {
      operationId: "setPrimaryShippingAddress",
      tag,
      summary: "Make a shipping address primary",
      path: customerPath,
      body: ShippingIdBodySchema,
      answer: customerAnswer,
    },
    async ({ actor, params, body }) => success(await setPrimaryShippingAddress(actor, params.customer_id, body.shipping_id)),
  ),
  apiOperation(
    "DELETE",
    "/vault/customer/{customer_id}/shipping/{id}",
    {
      operationId: "deleteShippingAddress",
      tag,
      summary: "Delete a shipping address",
      description: "If it was primary, the oldest remaining address becomes primary.",
      path: shippingPath,
      answer: customerAnswer,
    },
    async ({ actor, params }) => success(await deleteShippingAddress(actor, params.customer_id, params.id)),
  ),
];
