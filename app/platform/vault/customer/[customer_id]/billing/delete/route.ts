import { apiRoute } from "@/lib/api/api-route";
import { success } from "@/lib/api/envelope";
import { deleteBillingCard } from "@/lib/vault/delete-billing-card";
import { CardIdBodySchema, CustomerPathSchema } from "@/lib/vault/schemas";
import { unservedMethods } from "@/lib/api/unserved-methods";

// The reference deletes a card with PUT and the card_id in the body.
export const PUT = apiRoute({ params: CustomerPathSchema, body: CardIdBodySchema }, async ({ actor, params, body }) =>
  success(await deleteBillingCard(actor, params.customer_id, body.card_id)),
);

export const { GET, POST, PATCH, DELETE } = unservedMethods("PUT");
