import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { revokeApiKey } from "@/lib/merchants/api-keys";
import { ApiKeyPathSchema } from "@/lib/merchants/schemas";

// DELETE /portal/api/settings/api-keys/{id}: revokes the key; the API refuses it from the next request.
export const DELETE = portalRoute({ permission: "settings.write", params: ApiKeyPathSchema }, async ({ actor, params }) => {
  await revokeApiKey({ ...actor, apiKeyId: params.api_key_id });
  return success({ revoked: params.api_key_id });
});
