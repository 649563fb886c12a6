import { ApiError } from "@/lib/errors/api-error";
import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { endPortalSession, setSessionStage } from "@/lib/portal/portal-session";
import { SecondFactorFormSchema } from "@/lib/users/form-schemas";
import { STAGE_HOME } from "@/lib/portal/sign-in";
import { verifySecondFactor } from "@/lib/users/verify-second-factor";

// POST /portal/session/second-factor: the code step of signing in.
export const POST = portalRoute({ permission: null, stage: "second_factor", body: SecondFactorFormSchema }, async ({ session, body }) => {
  const result = await verifySecondFactor(session.user.id, body.code);
  if (result.ok) {
    await setSessionStage(session.id, "signed_in");
    return success({ next: STAGE_HOME.signed_in, usedRecoveryCode: result.usedRecoveryCode });
  }
  // Unlike the password step, this one says the account is locked: only
  // someone who just gave the right password reaches it, so it tells no
  // stranger that the email exists or is locked, and it tells the user why
  // the right code stops working and what to do.
  if (result.reason === "locked") {
    await endPortalSession(session.id);
    throw new ApiError("unauthorized", "Too many failed attempts: this account is locked for 30 minutes. Try again later or ask an owner to unlock it.");
  }
  throw new ApiError("validation", "That code is not valid. Codes change every 30 seconds and each works once.", { code: "not a valid code" });
});
