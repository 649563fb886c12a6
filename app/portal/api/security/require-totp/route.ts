import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { RequireTotpSchema } from "@/lib/merchants/schemas";
import { setRequireTotp } from "@/lib/merchants/set-require-totp";

// POST /portal/api/security/require-totp: an owner requires (or stops
// requiring) a second factor of every user; users without one enrol at
// their next sign-in.
export const POST = portalRoute({ permission: "security.require_totp", body: RequireTotpSchema }, async ({ session, actor, body }) => {
  await setRequireTotp({ ...actor, userId: session.user.id }, body.requireTotp);
  return success({ requireTotp: body.requireTotp });
});
