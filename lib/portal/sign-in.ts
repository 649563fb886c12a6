import "#server-only";
import { ApiError } from "../errors/api-error";
import { verifySignIn } from "../users/verify-sign-in";
import { startPortalSession, type SessionStage } from "./portal-session";

/** Where each stage of a session sends the browser next. */
export const STAGE_HOME: Record<SessionStage, string> = {
  second_factor: "/portal/sign-in/second-factor",
  enrol: "/portal/enrol",
  signed_in: "/portal/customers",
};

/**
 * The password step of signing in. A right password starts a session at
 * the second-factor step for a user who enrolled one, at enrolment when
 * the merchant requires one and the user has none, else signed in.
 * Wrong passwords and locked users get an ApiError with the message to show.
 */
export async function signInWithPassword(options: { email: string; password: string; clientAddress?: string | null }) {
  const result = await verifySignIn(options.email, options.password);
  if (!result.ok) {
    if (result.reason === "locked") {
      throw new ApiError("unauthorized", "Too many failed attempts: this account is locked for 30 minutes. Try again later or ask an owner.");
    }
    throw new ApiError("unauthorized", "That email and password do not match an account.");
  }
  const { hasTotp, merchantRequiresTotp } = result.user;
  const stage: SessionStage = hasTotp ? "second_factor" : merchantRequiresTotp ? "enrol" : "signed_in";
  const sealed = await startPortalSession({ userId: result.user.id, merchantId: result.user.merchantId, stage, clientAddress: options.clientAddress });
  return { sealed, next: STAGE_HOME[stage] };
}
