import "#server-only";
import type { Actor } from "../audit/record-audit";
import type { Tx } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import type { FieldErrors } from "../errors/api-error";
import type { StoreOutcome } from "../checkout/submit-card-form";
import { toMajorUnits } from "../payments/amount";
import { declineInWords } from "../payments/decline-words";
import { callTypedCharge, recordTypedOutcome, reserveTypedCharge, type TypedCharge } from "../payments/typed-card-charge";
import type { PreparedCard } from "../vault/prepare-card";
import type { AddBillingCardInput } from "../vault/schemas";
import { storeCardToken } from "./card-token-row";
import type { TokenResult } from "./create-card-token";
import { countKeyFailure } from "./key-failure";
import { takeKeyForSubmit } from "./take-key";
import { hashTransientKey } from "./transient-key";

// The embedded form's submit for a key made with an amount (docs/payments.md,
// "Embedded form payments"): the card is charged through the merchant's
// connector, and kept as a card token once the charge is approved. The two
// writes of every typed card's charge (lib/payments/typed-card-charge.ts):
//
// 1. The key is checked and the card validated as for a token; then the key
//    is used (of two submits at once, one charges) and the transaction
//    recorded as unknown, with the key naming it.
// 2. The outcome. Approved: the token is made under the id the transaction
//    names as its card_id, and its message carries pg_id and amt_tran.
//    Declined: nothing is stored, the key is open again with one more
//    failed attempt (used up at the limit), and the form says why in plain
//    words. Not known: the key stays used and the transaction unknown, to
//    be reconciled; never charged twice.

type Reservation =
  | { kind: "reserved"; actor: Actor; card: PreparedCard; charge: TypedCharge }
  | { kind: "done"; value: { unusable: true } }
  | { kind: "invalid"; errors: FieldErrors; attemptsLeft: number }
  | { kind: "throttled"; retryAfterSeconds: number };

export async function payWithEmbeddedForm(
  transientKey: string,
  input: AddBillingCardInput,
  from: { clientAddress: string | null; requestId: string },
  rejected?: FieldErrors,
): Promise<StoreOutcome<TokenResult>> {
  const hash = hashTransientKey(transientKey);
  const reservation = await writeTransaction((tx) => reserve(tx, hash, input, from, rejected));
  if (reservation.kind !== "reserved") return reservation;

  const { actor, card, charge } = reservation;
  const answer = await callTypedCharge(actor, charge);
  if (!answer) return { kind: "done", value: { pending: true } };

  return writeTransaction(async (tx): Promise<StoreOutcome<TokenResult>> => {
    const now = new Date();
    if (!answer.approved) {
      await recordTypedOutcome(tx, actor, charge, answer, null);
      const failed = await countKeyFailure(tx, hash, { clientAddress: from.clientAddress, now, reopen: true });
      if (failed.usedUp) return { kind: "done", value: { unusable: true } };
      return { kind: "declined", message: declineInWords(answer.rcode), attemptsLeft: failed.attemptsLeft };
    }
    const token = await storeCardToken(tx, actor, card, now);
    // No customer yet: the merchant's server names one when it claims the token.
    await recordTypedOutcome(tx, actor, charge, answer, { cardId: card.id, customerId: null });
    return { kind: "done", value: { token: { ...token, pg_id: charge.pgId, amt_tran: toMajorUnits(answer.approvedMinor, charge.currency) } } };
  });
}

/** Step 1: the key used and the transaction recorded as unknown, or why not. */
async function reserve(
  tx: Tx,
  hash: string,
  input: AddBillingCardInput,
  from: { clientAddress: string | null; requestId: string },
  rejected?: FieldErrors,
): Promise<Reservation> {
  const now = new Date();
  const taken = await takeKeyForSubmit(tx, hash, input, { ...from, now, charging: true }, rejected);
  if (taken.kind !== "taken") return taken;
  const { key, actor, card, digits } = taken;
  const charge = await reserveTypedCharge(tx, {
    merchantId: key.merchantId,
    terms: {
      type: key.requestType === "auth" ? "auth" : "sale",
      // takeKeyForSubmit took it as a charging key: both are set.
      amountMinor: Number(key.amountMinor),
      currencyNumber: key.currency!,
      merchRefNum: key.merchRefNum,
      purchaseId: key.purchaseId,
    },
    card,
    digits,
    input,
    customer: { customerId: null, customerPk: null },
  });
  await tx.transientKey.update({ where: { hash }, data: { pgId: charge.pgId }, select: { hash: true } });
  return { kind: "reserved", actor, card, charge };
}
