import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { rotateSigningSecret } from "@/lib/merchants/rotate-signing-secret";

// POST /portal/api/settings/signing-secret: a new redirect signing secret,
// in this answer only.
export const POST = portalRoute({ permission: "settings.write" }, async ({ actor }) => {
  return success(await rotateSigningSecret(actor));
});
