import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { BrowseQuerySchema } from "../vault/schemas";
import { CUSTOMER_FIELDS } from "../vault/browse-filter";
import {
  AddBillingCardSchema,
  AddCustomerSchema,
  AddShippingAddressSchema,
  BillingCardResponseSchema,
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
import { browseQueryDescriptions } from "./browse-query-descriptions";

// The duplicate-card limit on card adds (lib/vault/duplicate-card-limit.ts), in the operations that add cards.
const DUPLICATE_CARD_LIMIT_RULE = `after ${DUPLICATE_CARD_LIMIT.limit} such answers within ${DUPLICATE_CARD_LIMIT.windowSeconds / 60} minutes, the key's card adds are a 429 until those minutes are over.`;
import { describeFields, operation, TAGS } from "./operation";

// The Customer Vault operations, from the schemas their routes parse with.

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

export const vaultPaths: ZodOpenApiPathsObject = {
  "/vault/customer": {
    get: operation("get", {
      operationId: "browseCustomers",
      tag,
      summary: "Browse customers",
      description: "One page of the merchant's customers with their cards (masked) and addresses, filtered and sorted.",
      query: browseQuery,
      answer: { list: Customer },
    }),
    post: operation("post", {
      operationId: "addCustomer",
      tag,
      summary: "Add a customer",
      description:
        "A customer with an id of the merchant's choosing (or a generated one with auto_generate_customer_id), optionally with cards and shipping addresses. A name (first or last) or customer_firm_name is required. The first card and the first address are primary. A customer_id already in use, or the same card number twice, is a 409.",
      body: AddCustomerSchema,
      answer: customerAnswer,
      conflict: true,
    }),
  },
  "/vault/customer/{customer_id}": {
    get: operation("get", { operationId: "getCustomer", tag, summary: "Get a customer", path: customerPath, answer: customerAnswer }),
    put: operation("put", {
      operationId: "updateCustomer",
      tag,
      summary: "Update a customer",
      description: `Omitted fields stay as they are. customer_id cannot change: one that differs from the path is a 400. billing_cards and shipping_addresses, when sent, replace the customer's cards and addresses. A new card already stored for the customer is a 409; ${DUPLICATE_CARD_LIMIT_RULE}`,
      path: customerPath,
      body: UpdateCustomerSchema,
      answer: customerAnswer,
      conflict: true,
      rateLimited: true,
    }),
    delete: operation("delete", {
      operationId: "deleteCustomer",
      tag,
      summary: "Delete a customer",
      description:
        "Deletes the customer with its cards and addresses. Its customer_id may be used again for a new, empty customer; the old card_ids stay dead.",
      path: customerPath,
      answer: "message",
    }),
  },
  "/vault/customer/{customer_id}/billing": {
    get: operation("get", {
      operationId: "listBillingCards",
      tag,
      summary: "List a customer's cards",
      path: customerPath,
      answer: { data: z.object({ billing_cards: z.array(BillingCardResponseSchema) }) },
    }),
    post: operation("post", {
      operationId: "addBillingCard",
      tag,
      summary: "Add a card",
      description: `Either card_number with exp_date (MMYY) and billing_zip, or card_id: a single-use token from the embedded form, whose billing fields the ones sent here override. cvv2 is checked and never stored. The same number twice on one customer is a 409; ${DUPLICATE_CARD_LIMIT_RULE}`,
      path: customerPath,
      body: AddBillingCardSchema,
      answer: customerAnswer,
      conflict: true,
      rateLimited: true,
    }),
    put: operation("put", {
      operationId: "updateBillingCard",
      tag,
      summary: "Update a card",
      description: "Partial: omitted fields stay. The number cannot change (card_number is a 400): add a new card instead.",
      path: customerPath,
      body: UpdateBillingCardSchema,
      answer: customerAnswer,
    }),
  },
  "/vault/customer/{customer_id}/billing/delete": {
    put: operation("put", {
      operationId: "deleteBillingCard",
      tag,
      summary: "Delete a card",
      description: "PUT with the card_id in the body, as the reference API has it. If it was primary, the oldest remaining card becomes primary.",
      path: customerPath,
      body: CardIdBodySchema,
      answer: customerAnswer,
      conflict: true,
    }),
  },
  "/vault/customer/{customer_id}/billing/primary": {
    put: operation("put", {
      operationId: "setPrimaryBillingCard",
      tag,
      summary: "Make a card primary",
      path: customerPath,
      body: CardIdBodySchema,
      answer: customerAnswer,
    }),
  },
  "/vault/customer/{customer_id}/shipping": {
    get: operation("get", {
      operationId: "listShippingAddresses",
      tag,
      summary: "List a customer's shipping addresses",
      path: customerPath,
      answer: { data: z.object({ shipping_addresses: z.array(ShippingAddressResponseSchema) }) },
    }),
    post: operation("post", {
      operationId: "addShippingAddress",
      tag,
      summary: "Add a shipping address",
      path: customerPath,
      body: AddShippingAddressSchema,
      answer: customerAnswer,
    }),
    put: operation("put", {
      operationId: "updateShippingAddress",
      tag,
      summary: "Update a shipping address",
      description: "The names are required; other omitted fields stay.",
      path: customerPath,
      body: UpdateShippingAddressSchema,
      answer: customerAnswer,
    }),
  },
  "/vault/customer/{customer_id}/shipping/primary": {
    put: operation("put", {
      operationId: "setPrimaryShippingAddress",
      tag,
      summary: "Make a shipping address primary",
      path: customerPath,
      body: ShippingIdBodySchema,
      answer: customerAnswer,
    }),
  },
  "/vault/customer/{customer_id}/shipping/{id}": {
    delete: operation("delete", {
      operationId: "deleteShippingAddress",
      tag,
      summary: "Delete a shipping address",
      description: "If it was primary, the oldest remaining address becomes primary.",
      path: shippingPath,
      answer: customerAnswer,
    }),
  },
};
