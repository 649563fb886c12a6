import { describe, expect, it } from "vitest";
import type { CardRow, CustomerWithChildren, ShippingRow } from "./customer-query";
import { BillingCardResponseSchema, CustomerResponseSchema, ShippingAddressResponseSchema } from "./schemas";
import { customerToResponse } from "./to-response";

// The answers are built as typed literals, not parsed (to-response.ts): these
// check that what they build is exactly what the response schemas allow, in
// the schemas' field order, and that a stored row's other columns stay out.

const at = new Date("2026-12-07T00:00:00Z");

const card: CardRow & { sealedNumber: Uint8Array; fingerprint: string } = {
  id: "c".repeat(32),
  maskedNumber: "411111xxxxxx1111",
  cardType: "VS",
  expDate: "1229",
  firstName: "Ada",
  lastName: null,
  firmName: null,
  emails: JSON.stringify(["ada@example.com"]),
  addr1: "1 Main St",
  addr2: null,
  city: "Springfield",
  state: "CA",
  zip: "94402",
  zip4: null,
  country: null,
  countryCode: "USA",
  isPrimary: true,
  createdAt: at,
  // Columns a row holds that an answer must never show.
  sealedNumber: new Uint8Array([1, 2, 3]),
  fingerprint: "f".repeat(64),
} as CardRow & { sealedNumber: Uint8Array; fingerprint: string };

const address = {
  id: 7,
  firstName: "Ada",
  lastName: "Lovelace",
  firmName: null,
  addr1: "2 High St",
  addr2: null,
  city: null,
  state: null,
  zip: "10001",
  zip4: null,
  country: null,
  countryCode: null,
  isPrimary: true,
  createdAt: at,
} as ShippingRow;

const customer = {
  merchantId: 5n,
  customerId: "CUST1",
  firstName: "Ada",
  lastName: "Lovelace",
  firmName: null,
  phone: null,
  email: "ada@example.com",
  referenceId: null,
  comments: null,
  developerId: null,
  createdAt: at,
  updatedAt: at,
  cards: [card],
  shippingAddresses: [address],
} as Omit<CustomerWithChildren, "id">;

/** The answer as a client receives it. */
const sent = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, any>;

describe("customerToResponse", () => {
  it("builds what the response schemas allow, field for field, in their order", () => {
    const answer = sent(customerToResponse(customer));
    expect(CustomerResponseSchema.parse(answer)).toEqual(answer);
    const order = (schemaKeys: string[], value: Record<string, unknown>) => schemaKeys.filter((key) => key in value);
    expect(Object.keys(answer)).toEqual(order(Object.keys(CustomerResponseSchema.shape), answer));
    expect(Object.keys(answer.billing_cards[0])).toEqual(order(Object.keys(BillingCardResponseSchema.shape), answer.billing_cards[0]));
    expect(Object.keys(answer.shipping_addresses[0])).toEqual(order(Object.keys(ShippingAddressResponseSchema.shape), answer.shipping_addresses[0]));
    expect(answer.billing_cards[0]).toMatchObject({ card_number: "411111xxxxxx1111", billing_email: ["ada@example.com"], primary: true });
    expect(answer.primary_card_number).toBe("411111xxxxxx1111");
    // Null columns are left out; a row's other columns never appear.
    expect(answer.billing_cards[0]).not.toHaveProperty("billing_last_name");
    expect(JSON.stringify(answer)).not.toMatch(/sealed|fingerprint|ffff/);
  });

  it("refuses to answer a card number that is not masked", () => {
    const unmasked = { ...customer, cards: [{ ...card, maskedNumber: "4111111111111111" }] };
    expect(() => customerToResponse(unmasked)).toThrow("not masked");
  });
});
