import "#server-only";
import { sealData, unsealData } from "iron-session";
import QRCode from "qrcode";
import { ApiError, fieldError } from "../errors/api-error";
import { recordAudit, type Actor } from "../audit/record-audit";
import { ironPassword } from "../crypto/iron-password";
import { writeTransaction } from "../db/write-transaction";
import { newRecoveryCodes, newTotpSecret, totpUri, verifyTotp } from "./totp";
import { sealTotpSecret } from "./totp-secret";

// Enrolling a second factor takes two requests: the page shows a new secret
// as a QR code, and the user proves their app has it by typing a code. The
// secret waits between the two in a sealed, 15-minute token the page holds
// (not in the database), so an abandoned enrolment leaves nothing behind.

const PENDING_TTL_SECONDS = 15 * 60;

const pendingPassword = () => ironPassword("customer-vault totp enrolment v1");

export type TotpEnrolment = { pending: string; secret: string; uri: string; qrDataUrl: string };

/** A new secret for the user to scan: its QR code (an SVG data: URL, which the CSP's img-src allows), the secret to type by hand, and the sealed token to confirm with. */
export async function beginTotpEnrolment(user: { id: number; email: string }): Promise<TotpEnrolment> {
  const secret = newTotpSecret();
  const uri = totpUri(user.email, secret);
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  const pending = await sealData({ u: user.id, s: secret }, { password: pendingPassword(), ttl: PENDING_TTL_SECONDS });
  return { pending, secret, uri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString("base64")}` };
}

/**
 * Confirms an enrolment with a code from the app: stores the secret
 * (sealed), marks that code's step used, and returns ten new recovery codes
 * (shown once; only their hashes are kept). Replaces any earlier factor.
 */
export async function confirmTotpEnrolment(options: {
  actor: Actor;
  userId: number;
  pending: string;
  code: string;
  now?: Date;
}): Promise<{ recoveryCodes: string[] }> {
  let data: { u?: unknown; s?: unknown };
  try {
    data = await unsealData(options.pending, { password: pendingPassword(), ttl: PENDING_TTL_SECONDS });
  } catch {
    data = {};
  }
  if (data.u !== options.userId || typeof data.s !== "string") {
    throw new ApiError("validation", "This enrolment has expired; start again.", { code: "start the enrolment again" });
  }
  const step = await verifyTotp(data.s, options.code, options.now);
  if (step === null) throw fieldError("code", "That code does not match; check your app's clock and try the current code.");
  const { codes, hashes } = newRecoveryCodes();
  const merchantId = options.actor.merchantId;
  await writeTransaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: options.userId, merchantId }, select: { id: true } });
    if (!user) throw new ApiError("not_found", "User not found");
    await tx.user.update({
      where: { id: user.id },
      data: { ...sealTotpSecret(merchantId, user.id, data.s as string), totpLastStep: step, recoveryCodeHashes: JSON.stringify(hashes) },
    });
    await recordAudit(tx, options.actor, "user.totp_enrol", { type: "user", id: String(user.id) });
  });
  return { recoveryCodes: codes };
}
