import type { BillingCardResponse, CustomerResponse, ShippingAddressResponse } from "./schemas";
import type { CardRow, CustomerWithChildren, ShippingRow } from "./customer-query";

// Rows → API shapes. Null columns are left out, as the reference's examples
// do. Each shape is an object literal of its response type, so TypeScript
// refuses a field the response schema does not list, and only the listed
// fields are ever copied from a row: an unlisted column cannot leak. (The
// shapes used to be parsed with their zod schemas on the way out, which cost
// every answer a full parse for what the compiler already guarantees;
// lib/vault/to-response.test.ts checks real rows against the schemas.) The
// one rule the types cannot carry is checked here: a card number leaves only
// masked.

const present = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

const MASKED_NUMBER = /^\d{6}x+\d{4}$/;

function masked(number: string): string {
  if (!MASKED_NUMBER.test(number)) throw new Error("A card number that is not masked reached a response");
  return number;
}

/** A stored card as the API shows it: masked number, never the sealed one. */
export function cardToResponse(card: CardRow): BillingCardResponse {
  return {
    card_id: card.id,
    card_number: masked(card.maskedNumber),
    card_type: card.cardType,
    exp_date: card.expDate,
    billing_first_name: present(card.firstName),
    billing_last_name: present(card.lastName),
    billing_firm_name: present(card.firmName),
    billing_email: card.emails ? (JSON.parse(card.emails) as string[]) : undefined,
    billing_addr1: present(card.addr1),
    billing_addr2: present(card.addr2),
    billing_city: present(card.city),
    billing_state: present(card.state),
    billing_zip: card.zip,
    billing_zip4: present(card.zip4),
    billing_country: present(card.country),
    billing_country_code: present(card.countryCode),
    primary: card.isPrimary,
  };
}

/** A stored shipping address as the API shows it. */
export function shippingToResponse(address: ShippingRow): ShippingAddressResponse {
  return {
    shipping_id: address.id,
    shipping_first_name: address.firstName,
    shipping_last_name: address.lastName,
    shipping_firm_name: present(address.firmName),
    shipping_addr1: present(address.addr1),
    shipping_addr2: present(address.addr2),
    shipping_city: present(address.city),
    shipping_state: present(address.state),
    shipping_zip: present(address.zip),
    shipping_zip4: present(address.zip4),
    shipping_country: present(address.country),
    shipping_country_code: present(address.countryCode),
    primary: address.isPrimary,
  };
}

/** A customer with its cards and addresses, as every customer response shows it. */
export function customerToResponse(customer: Omit<CustomerWithChildren, "id">): CustomerResponse {
  const primary = customer.cards.find((card) => card.isPrimary);
  return {
    customer_id: customer.customerId,
    node_id: Number(customer.merchantId),
    customer_first_name: present(customer.firstName),
    customer_last_name: present(customer.lastName),
    customer_firm_name: present(customer.firmName),
    customer_phone: present(customer.phone),
    customer_email: present(customer.email),
    reference_id: present(customer.referenceId),
    comments: present(customer.comments),
    developer_id: present(customer.developerId),
    primary_card_number: primary ? masked(primary.maskedNumber) : undefined,
    billing_cards: customer.cards.map(cardToResponse),
    shipping_addresses: customer.shippingAddresses.map(shippingToResponse),
  };
}
