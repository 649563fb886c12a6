import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { createApiKey } from "@/lib/merchants/api-keys";
import { ApiKeyFormSchema } from "@/lib/merchants/form-schemas";

// POST /portal/api/settings/api-keys: a new API key, shown in this answer only.
export const POST = portalRoute({ permission: "settings.write", body: ApiKeyFormSchema }, async ({ actor, body }) => {
  const created = await createApiKey({ ...actor, label: body.label });
  return success({ id: created.id, prefix: created.prefix, label: created.label, key: created.key });
});
