import "#server-only";
import { createHash, randomBytes } from "node:crypto";
import { writeTransaction } from "../db/write-transaction";
import { recordAudit, type Actor } from "../audit/record-audit";
import { majorUnitsIn } from "../payments/amount";
import { keyChargeOf } from "./key-charge";
import type { EmbeddedKeyQuery } from "./schemas";

/** An unused transient key expires after this long (the reference's EmbeddedKey). */
export const TRANSIENT_KEY_TTL_MS = 30 * 60 * 1000;

export type TransientKeyResponse = {
  transient_key: string;
  merchant_id: number;
  db_timestamp: string;
  expiry_time: string;
  /** A key made with an amount: what its form charges, and in which currency (ISO 4217 numeric, as a payment link answers it). */
  amt_tran?: number;
  tran_currency?: string;
};

export function hashTransientKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/**
 * A single-use key for the embedded card form (GET /platform/embedded). The
 * key is a bearer credential for opening the form, so only its hash is kept.
 * forPortal: the merchant portal's own key (see lib/embedded/embedded-form.ts),
 * which only stores cards; query: the API's, where amt_tran makes the form
 * charge the card (lib/embedded/key-charge.ts; a 400 naming the field when
 * refused, and nothing is stored) and compact drops its logo and heading.
 */
export async function createTransientKey(actor: Actor, options: { forPortal: true } | { query?: EmbeddedKeyQuery } = {}): Promise<TransientKeyResponse> {
  const forPortal = "forPortal" in options && options.forPortal === true;
  const query = "query" in options ? options.query : undefined;
  const charge = query ? keyChargeOf(query) : null;
  const key = randomBytes(16).toString("hex");
  const createdAt = new Date();
  const expiresAt = new Date(createdAt.getTime() + TRANSIENT_KEY_TTL_MS);
  const hash = hashTransientKey(key);
  await writeTransaction(async (tx) => {
    await tx.transientKey.create({
      data: {
        hash,
        merchantId: actor.merchantId,
        expiresAt,
        createdAt,
        forPortal,
        compact: query?.compact === true,
        ...(charge
          ? {
              amountMinor: BigInt(charge.amountMinor),
              currency: charge.currencyNumber,
              requestType: charge.type,
              merchRefNum: charge.merchRefNum,
              purchaseId: charge.purchaseId,
            }
          : {}),
      },
      select: { hash: true },
    });
    // The audit row names the key by the start of its hash, never the key.
    await recordAudit(tx, actor, "transient_key.create", { type: "transient_key", id: hash.slice(0, 16) });
  });
  return {
    transient_key: key,
    merchant_id: Number(actor.merchantId),
    db_timestamp: createdAt.toISOString(),
    expiry_time: expiresAt.toISOString(),
    ...(charge ? { amt_tran: majorUnitsIn(charge.amountMinor, charge.currencyNumber), tran_currency: String(charge.currencyNumber) } : {}),
  };
}
