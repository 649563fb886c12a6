import "#server-only";
import type { Actor } from "../audit/record-audit";
import { TEST_CARD_NUMBERS } from "../cards/test-cards";
import { chargeCard } from "./charge-card";

// The portal's "Test connection" (docs/payments.md, "Connectors"): a verify
// of 0 on a public test card, through the merchant's connector, made as the
// API makes one. Every request that reaches a connector is a transaction,
// so this one is too: its row (marked by its merch_ref_num), its audit row
// naming the user, and its transaction event. An upstream in production may
// decline a test number; that decline still proves the connection works.

/** The public test Visa the connection test verifies. */
export const CONNECTION_TEST_CARD = TEST_CARD_NUMBERS.VS[0]!;
/** The merch_ref_num that tells a connection test's transaction from the merchant's own. */
export const CONNECTION_TEST_REFERENCE = "portal connection test";

export type ConnectionTest =
  | { outcome: "approved"; pgId: string; rmsg: string; authCode: string | null }
  | { outcome: "declined"; pgId: string; rcode: string; rmsg: string }
  /** The outcome is unknown: the connector could not be reached or answered something else; reason says what. */
  | { outcome: "unreachable"; pgId: string; reason: string };

/** Verifies the test card through the merchant's connector, and says what came of it. */
export async function testGatewayConnection(actor: Actor, now = new Date()): Promise<ConnectionTest> {
  let reason = "the gateway did not answer";
  const answer = await chargeCard(
    actor,
    "verify",
    { merchant_id: 0, card_number: CONNECTION_TEST_CARD, exp_date: nextYearsDecember(now), merch_ref_num: CONNECTION_TEST_REFERENCE },
    { onUnreachable: (why) => (reason = why) },
  );
  const body = answer.body as { pg_id: string; rcode: string; rmsg: string; auth_code?: string };
  if (answer.status === 200) return { outcome: "approved", pgId: body.pg_id, rmsg: body.rmsg, authCode: body.auth_code ?? null };
  if (answer.status === 402) return { outcome: "declined", pgId: body.pg_id, rcode: body.rcode, rmsg: body.rmsg };
  return { outcome: "unreachable", pgId: body.pg_id, reason };
}

/** MMYY of December next year: an expiry in the future whenever the test runs. */
function nextYearsDecember(now: Date): string {
  return `12${String((now.getUTCFullYear() + 1) % 100).padStart(2, "0")}`;
}
