import "#server-only";
import { randomInt } from "node:crypto";
import type { CardRequest, ConnectorAnswer, FollowUpRequest, GatewayConnector } from "./connector";

// The sandbox: every merchant's connector until an upstream one is set. It
// follows the reference gateway's published test conventions, so an
// integration tested here behaves the same against the real one
// (docs/payments.md, "Sandbox"): the cents of a sale or auth pick a decline,
// .10 with partial_auth approves half, and one card always declines. It runs
// in the process: no network, nothing to reconcile.

/** The card the sandbox stores and verifies, but declines for every sale and auth. */
export const SANDBOX_DECLINE_CARD = "4000000000000341";

/** Cents → the network's decline code and what it means. */
const DECLINE_BY_CENTS: Record<number, { code: string; meaning: string }> = {
  5: { code: "05", meaning: "do not honor" },
  6: { code: "06", meaning: "error" },
  7: { code: "07", meaning: "pick up card, special condition" },
  41: { code: "41", meaning: "lost card, pick up" },
  43: { code: "43", meaning: "stolen card, pick up" },
  51: { code: "51", meaning: "insufficient funds" },
  59: { code: "59", meaning: "suspected fraud" },
};
const PARTIAL_APPROVAL_CENTS = 10;

function declined(code: string, meaning: string): ConnectorAnswer {
  return { approved: false, rcode: `0${code}`, rmsg: `Declined: ${meaning}`, approvedMinor: 0 };
}

/** "T" and five digits, as the reference's examples show auth codes. */
function authCode(): string {
  return `T${String(randomInt(100_000)).padStart(5, "0")}`;
}

function verificationResults(request: CardRequest): Pick<ConnectorAnswer, "avsResult" | "cvvResult"> {
  const { avsZip, avsAddress, cvv2 } = request.card;
  return {
    // Y: address and zip match; Z: zip matches (no address sent). Nothing sent, nothing answered.
    ...(avsZip ? { avsResult: avsAddress ? "Y" : "Z" } : {}),
    ...(cvv2 ? { cvvResult: "M" } : {}),
  };
}

async function charge(request: CardRequest): Promise<ConnectorAnswer> {
  const cents = request.amountMinor % 100;
  const decline = DECLINE_BY_CENTS[cents];
  if (decline) return declined(decline.code, decline.meaning);
  if (await request.card.withNumber(async (number) => number === SANDBOX_DECLINE_CARD)) {
    return declined("51", DECLINE_BY_CENTS[51]!.meaning);
  }
  const code = authCode();
  if (cents === PARTIAL_APPROVAL_CENTS && request.partialAuth) {
    const half = Math.floor(request.amountMinor / 2);
    return { approved: true, rcode: "010", rmsg: `Partially approved ${code}`, approvedMinor: half, authCode: code, ...verificationResults(request) };
  }
  return { approved: true, rcode: "000", rmsg: `Approved ${code}`, approvedMinor: request.amountMinor, authCode: code, ...verificationResults(request) };
}

const accepted =
  (rmsg: string) =>
  async (request: FollowUpRequest): Promise<ConnectorAnswer> => ({ approved: true, rcode: "000", rmsg, approvedMinor: request.amountMinor });

export const sandboxConnector: GatewayConnector = {
  name: "sandbox",
  inProcess: true,
  sale: charge,
  authorize: charge,
  async verify(request) {
    return { approved: true, rcode: "000", rmsg: "Card verified", approvedMinor: 0, authCode: authCode(), ...verificationResults(request) };
  },
  async credit(request) {
    return { approved: true, rcode: "000", rmsg: "Credit accepted", approvedMinor: request.amountMinor, authCode: authCode() };
  },
  capture: accepted("Capture request accepted"),
  void: accepted("Transaction voided"),
  refund: accepted("Refund request accepted"),
  // The sandbox is the network here and keeps nothing outside the process: a
  // charge whose outcome the vault did not record (the process died between
  // the call and the write) reached no card network and moved no money, so
  // it was, truthfully, never made.
  async lookup() {
    return { found: false };
  },
  settlesAt: nextMidnightUtc,
};

/** Batches close at midnight UTC: a transaction captured at any moment of a day settles at the start of the next. */
export function nextMidnightUtc(capturedAt: Date): Date {
  const next = new Date(capturedAt);
  next.setUTCHours(24, 0, 0, 0);
  return next;
}
