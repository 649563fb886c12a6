import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { testGatewayConnection } from "@/lib/payments/test-gateway-connection";

// POST /portal/api/settings/gateway/test: a verify of 0 through the saved gateway, recorded as any verify is.
export const POST = portalRoute({ permission: "settings.write" }, async ({ actor }) => {
  return success(await testGatewayConnection(actor));
});
