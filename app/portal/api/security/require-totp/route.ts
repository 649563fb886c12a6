import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { requireTotpSchema } from "@/lib/portal/schemas";
import { setRequireTotp } from "@/lib/merchants/set-require-totp";

// POST /portal/api/security/require-totp: an owner requires (or stops
// requiring) a second factor of every user; users without one enrol at
// their next sign-in.
export const POST = portalRoute({ permission: "security.require_totp", body: requireTotpSchema }, async ({ session, actor, body }) => {
  await setRequireTotp({ ...actor, userId: session.user.id }, body.requireTotp);
  return success({ requireTotp: body.requireTotp });
});
