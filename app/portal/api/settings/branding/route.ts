import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { saveBrandingForm } from "@/lib/merchants/save-branding-form";
import { BrandingFormSchema } from "@/lib/merchants/form-schemas";

// POST /portal/api/settings/branding: the hosted page's name, logo and colour.
export const POST = portalRoute({ permission: "settings.write", body: BrandingFormSchema }, async ({ actor, body }) => {
  return success(await saveBrandingForm(actor, body));
});
