import "#server-only";
import { randomBytes, randomInt } from "node:crypto";
import { writeTransaction } from "../db/write-transaction";
import { toDbBytes } from "../db/bytes";
import { isUniqueViolation } from "../db/unique-violation";
import { recordAudit } from "../audit/record-audit";
import { seal } from "../crypto/seal";
import { insertApiKey } from "./api-keys";

export type CreatedMerchant = { merchantId: bigint; apiKey: string; apiKeyId: number; signingSecret: string };

// Merchant ids look like the reference's (210000000289): 12 digits from 21...
const MERCHANT_ID_BASE = 210_000_000_000n;

/** A new redirect signing secret (shown once; rotateSigningSecret makes the next ones). */
export function newSigningSecret(): string {
  return `cvs_${randomBytes(32).toString("base64url")}`;
}

/** Associated data for a merchant's sealed signing secret. */
export function signingSecretAad(merchantId: bigint): string {
  return `merchant-signing-secret:${merchantId}`;
}

/**
 * Creates a merchant with its first API key and its redirect signing secret.
 * Both secrets are returned once: the key is stored as a hash, the signing
 * secret sealed (the vault needs it back to sign redirects).
 */
export async function createMerchant(options: { name: string; actor?: string }): Promise<CreatedMerchant> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const merchantId = MERCHANT_ID_BASE + BigInt(randomInt(1, 1_000_000_000));
    const signingSecret = newSigningSecret();
    const sealedSecret = seal(signingSecret, signingSecretAad(merchantId));
    try {
      const key = await writeTransaction(async (tx) => {
        await tx.merchant.create({
          data: {
            id: merchantId,
            name: options.name,
            signingSecretSealed: toDbBytes(sealedSecret.sealed),
            signingSecretKekVersion: sealedSecret.kekVersion,
          },
        });
        const actor = options.actor ?? "cli";
        await recordAudit(tx, { merchantId, actor }, "merchant.create", { type: "merchant", id: merchantId.toString() });
        return insertApiKey(tx, { merchantId, label: "initial", actor });
      });
      return { merchantId, apiKey: key.key, apiKeyId: key.id, signingSecret };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // an id collision: draw another
    }
  }
  throw new Error("Could not allocate a merchant id");
}
