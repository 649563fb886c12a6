import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { setSessionStage } from "@/lib/portal/portal-session";
import { ConfirmEnrolmentSchema } from "@/lib/users/schemas";
import { confirmTotpEnrolment } from "@/lib/users/totp-enrolment";

// POST /portal/api/security/totp: confirm a second-factor enrolment with a
// code from the app. Serves a session forced to enrol (the merchant requires
// a second factor) as well as a signed-in user enrolling or re-enrolling.
export const POST = portalRoute({ permission: null, stage: ["enrol", "signed_in"], body: ConfirmEnrolmentSchema }, async ({ session, actor, body }) => {
  const { recoveryCodes } = await confirmTotpEnrolment({ actor, userId: session.user.id, pending: body.pending, code: body.code });
  if (session.stage === "enrol") await setSessionStage(session.id, "signed_in");
  return success({ recoveryCodes });
});
