import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { addBillingCard } from "@/lib/vault/add-billing-card";
import { CardIdBodySchema, CustomerPathSchema } from "@/lib/vault/schemas";

// POST: attach a card token from the embedded card form to the customer,
// as POST /platform/vault/customer/{id}/billing with a card_id does. Only a
// token is accepted: a card number never reaches a portal route.
export const POST = portalRoute({ permission: "customers.write", params: CustomerPathSchema, body: CardIdBodySchema }, async ({ actor, params, body }) =>
  success(await addBillingCard(actor, params.customer_id, { card_id: body.card_id })),
);
