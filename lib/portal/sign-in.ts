import "#server-only";
import { ApiError } from "../errors/api-error";
import { verifySignIn } from "../users/verify-sign-in";
import { returnSignInAttempt, takeSignInAttempt } from "../users/sign-in-address-limit";
import { startPortalSession, type SessionStage } from "./portal-session";

/** Where each stage of a session sends the browser next. */
export const STAGE_HOME: Record<SessionStage, string> = {
  second_factor: "/portal/sign-in/second-factor",
  enrol: "/portal/enrol",
  signed_in: "/portal/customers",
};

/**
 * The one answer to every failed password step: an unknown email, a wrong
 * password and a locked account (even with the right password) alike, so the
 * answer tells no one which emails exist or which accounts are locked. It
 * names the lock as a possibility, so a user locked out by someone else's
 * guesses knows to wait or to ask an owner (who can unlock them).
 */
export const SIGN_IN_REFUSED =
  "That email and password do not match an account that can sign in now. After 10 failed attempts an account is locked for 30 minutes; an owner can unlock it sooner.";

/**
 * The password step of signing in. A right password starts a session at
 * the second-factor step for a user who enrolled one, at enrolment when
 * the merchant requires one and the user has none, else signed in.
 * Every refusal is the same 401 (SIGN_IN_REFUSED); an address over its
 * sign-in limit gets a 429 before the password is looked at.
 */
export async function signInWithPassword(options: { email: string; password: string; clientAddress?: string | null }) {
  await takeSignInAttempt(options.clientAddress);
  const result = await verifySignIn(options.email, options.password);
  if (!result.ok) throw new ApiError("unauthorized", SIGN_IN_REFUSED);
  await returnSignInAttempt(options.clientAddress);
  const { hasTotp, merchantRequiresTotp } = result.user;
  const stage: SessionStage = hasTotp ? "second_factor" : merchantRequiresTotp ? "enrol" : "signed_in";
  const sealed = await startPortalSession({ userId: result.user.id, merchantId: result.user.merchantId, stage, clientAddress: options.clientAddress });
  return { sealed, next: STAGE_HOME[stage] };
}
