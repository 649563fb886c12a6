import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { deleteBillingCard } from "@/lib/vault/delete-billing-card";
import { CustomerPathSchema, CardIdSchema } from "@/lib/vault/schemas";

const CardPathSchema = CustomerPathSchema.extend({ card_id: CardIdSchema });

// DELETE: delete one card (PUT .../billing/delete in the API); the oldest left becomes primary.
export const DELETE = portalRoute({ permission: "customers.write", params: CardPathSchema }, async ({ actor, params }) =>
  success(await deleteBillingCard(actor, params.customer_id, params.card_id)),
);
