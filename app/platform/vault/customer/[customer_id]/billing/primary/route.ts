import { apiRoute } from "@/lib/api/api-route";
import { success } from "@/lib/api/envelope";
import { setPrimaryBillingCard } from "@/lib/vault/set-primary-billing-card";
import { CardIdBodySchema, CustomerPathSchema } from "@/lib/vault/schemas";
import { unservedMethods } from "@/lib/api/unserved-methods";

export const PUT = apiRoute({ params: CustomerPathSchema, body: CardIdBodySchema }, async ({ actor, params, body }) =>
  success(await setPrimaryBillingCard(actor, params.customer_id, body.card_id)),
);

export const { GET, POST, PATCH, DELETE } = unservedMethods("PUT");
