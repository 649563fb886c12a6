import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import { toDbBytes } from "../db/bytes";
import { recordAudit, type Actor } from "../audit/record-audit";
import { seal } from "../crypto/seal";
import { newSigningSecret, signingSecretAad } from "./create-merchant";

/**
 * Replaces a merchant's redirect signing secret. The new secret is returned
 * once (it is stored sealed, like a card number); every redirect signed
 * after the commit uses it, and the old one stops verifying at once.
 */
export async function rotateSigningSecret(actor: Actor): Promise<{ signingSecret: string }> {
  const signingSecret = newSigningSecret();
  const sealed = seal(signingSecret, signingSecretAad(actor.merchantId));
  await writeTransaction(async (tx) => {
    await tx.merchant.update({
      where: { id: actor.merchantId },
      data: { signingSecretSealed: toDbBytes(sealed.sealed), signingSecretKekVersion: sealed.kekVersion },
    });
    await recordAudit(tx, actor, "merchant.signing_secret_rotate", { type: "merchant", id: String(actor.merchantId) });
  });
  return { signingSecret };
}
