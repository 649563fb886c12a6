import {
  BillingCardResponseSchema,
  CustomerResponseSchema,
  ShippingAddressResponseSchema,
  type BillingCardResponse,
  type CustomerResponse,
  type ShippingAddressResponse,
} from "./schemas";
import type { CardRow, CustomerWithChildren, ShippingRow } from "./customer-query";

// Rows → API shapes. Null columns are left out, as the reference's examples
// do; every shape is parsed on the way out so an unlisted column never leaks.

const present = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

/** A stored card as the API shows it: masked number, never the sealed one. */
export function cardToResponse(card: CardRow): BillingCardResponse {
  return BillingCardResponseSchema.parse({
    card_id: card.id,
    card_number: card.maskedNumber,
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
  });
}

/** A stored shipping address as the API shows it. */
export function shippingToResponse(address: ShippingRow): ShippingAddressResponse {
  return ShippingAddressResponseSchema.parse({
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
  });
}

/** A customer with its cards and addresses, as every customer response shows it. */
export function customerToResponse(customer: Omit<CustomerWithChildren, "id">): CustomerResponse {
  const primary = customer.cards.find((card) => card.isPrimary);
  return CustomerResponseSchema.parse({
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
    primary_card_number: primary?.maskedNumber,
    billing_cards: customer.cards.map(cardToResponse),
    shipping_addresses: customer.shippingAddresses.map(shippingToResponse),
  });
}
