import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { saveGatewayForm } from "@/lib/gateway/set-merchant-gateway";
import { GatewayFormSchema } from "@/lib/gateway/form-schemas";

// PUT /portal/api/settings/gateway: the sandbox, or an upstream gateway (an empty security key keeps the one set). Never answers the key.
export const PUT = portalRoute({ permission: "settings.write", body: GatewayFormSchema }, async ({ actor, body }) => {
  return success(await saveGatewayForm(actor, body));
});
