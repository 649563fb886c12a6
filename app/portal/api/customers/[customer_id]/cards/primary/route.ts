import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { setPrimaryBillingCard } from "@/lib/vault/set-primary-billing-card";
import { CardIdBodySchema, CustomerPathSchema } from "@/lib/vault/schemas";

// PUT: make a card the customer's primary one (PUT .../billing/primary in the API).
export const PUT = portalRoute({ permission: "customers.write", params: CustomerPathSchema, body: CardIdBodySchema }, async ({ actor, params, body }) =>
  success(await setPrimaryBillingCard(actor, params.customer_id, body.card_id)),
);
