import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { setRedirectDefaults } from "@/lib/merchants/redirect-defaults";
import { RedirectDefaultsFormSchema } from "@/lib/merchants/form-schemas";

// PUT /portal/api/settings/redirect-defaults: the success and failure URLs
// copied into links created without their own.
export const PUT = portalRoute({ permission: "settings.write", body: RedirectDefaultsFormSchema }, async ({ actor, body }) => {
  return success(await setRedirectDefaults(actor, { successUrl: body.successUrl ?? "", failureUrl: body.failureUrl ?? "" }));
});
