// A customer as the API shows it (lib/vault/to-response.ts), written by hand:
// the same keys in the same order, null columns left out, the masked number
// only. Built from the read's joined rows, or from what was just written.
import type { CustomerJoinRow } from "./floor-store";

type Json = Record<string, unknown>;

/** customer_id: 1 to 32 letters and digits (lib/vault/schemas.ts, not imported: that module builds the zod schemas). */
export const CUSTOMER_ID_PATTERN = /^[A-Za-z0-9]{1,32}$/;

const present = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

function cardJson(row: CustomerJoinRow): Json {
  return {
    card_id: row.card_id,
    card_number: row.card_maskedNumber,
    card_type: row.card_cardType,
    exp_date: row.card_expDate,
    billing_first_name: present(row.card_firstName),
    billing_last_name: present(row.card_lastName),
    billing_firm_name: present(row.card_firmName),
    billing_email: row.card_emails ? (JSON.parse(row.card_emails) as string[]) : undefined,
    billing_addr1: present(row.card_addr1),
    billing_addr2: present(row.card_addr2),
    billing_city: present(row.card_city),
    billing_state: present(row.card_state),
    billing_zip: row.card_zip,
    billing_zip4: present(row.card_zip4),
    billing_country: present(row.card_country),
    billing_country_code: present(row.card_countryCode),
    primary: Boolean(row.card_isPrimary),
  };
}

function shippingJson(row: CustomerJoinRow): Json {
  return {
    shipping_id: row.ship_id,
    shipping_first_name: row.ship_firstName,
    shipping_last_name: row.ship_lastName,
    shipping_firm_name: present(row.ship_firmName),
    shipping_addr1: present(row.ship_addr1),
    shipping_addr2: present(row.ship_addr2),
    shipping_city: present(row.ship_city),
    shipping_state: present(row.ship_state),
    shipping_zip: present(row.ship_zip),
    shipping_zip4: present(row.ship_zip4),
    shipping_country: present(row.ship_country),
    shipping_country_code: present(row.ship_countryCode),
    primary: Boolean(row.ship_isPrimary),
  };
}

/** The customer the rows describe (cards × addresses rows, cards oldest first), or null for no rows. */
export function customerJson(merchantId: bigint, rows: CustomerJoinRow[]): Json | null {
  const first = rows[0];
  if (!first) return null;
  const cards = new Map<string, Json>();
  const addresses = new Map<number, Json>();
  let primaryNumber: string | undefined;
  for (const row of rows) {
    if (row.card_id !== null && !cards.has(row.card_id)) {
      cards.set(row.card_id, cardJson(row));
      if (row.card_isPrimary && primaryNumber === undefined) primaryNumber = row.card_maskedNumber ?? undefined;
    }
    if (row.ship_id !== null && !addresses.has(row.ship_id)) addresses.set(row.ship_id, shippingJson(row));
  }
  return {
    customer_id: first.customerId,
    node_id: Number(merchantId),
    customer_first_name: present(first.firstName),
    customer_last_name: present(first.lastName),
    customer_firm_name: present(first.firmName),
    customer_phone: present(first.phone),
    customer_email: present(first.email),
    reference_id: present(first.referenceId),
    comments: present(first.comments),
    developer_id: present(first.developerId),
    primary_card_number: primaryNumber,
    billing_cards: [...cards.values()],
    shipping_addresses: [...addresses.values()],
  };
}
