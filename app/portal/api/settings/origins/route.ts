import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { changeOrigins } from "@/lib/merchants/origins";
import { OriginFormSchema } from "@/lib/merchants/form-schemas";

// POST registers an iframe origin for the embedded card form; DELETE removes one.
export const POST = portalRoute({ permission: "settings.write", body: OriginFormSchema }, async ({ actor, body }) => {
  return success({ origins: await changeOrigins(actor, [body.origin], []) });
});

export const DELETE = portalRoute({ permission: "settings.write", body: OriginFormSchema }, async ({ actor, body }) => {
  return success({ origins: await changeOrigins(actor, [], [body.origin]) });
});
