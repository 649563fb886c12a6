import { apiRoute } from "@/lib/api/api-route";
import { success } from "@/lib/api/envelope";
import { addBillingCard } from "@/lib/vault/add-billing-card";
import { listBillingCards } from "@/lib/vault/list-billing-cards";
import { updateBillingCard } from "@/lib/vault/update-billing-card";
import { AddBillingCardSchema, CustomerPathSchema, UpdateBillingCardSchema } from "@/lib/vault/schemas";
import { unservedMethods } from "@/lib/api/unserved-methods";

export const GET = apiRoute({ params: CustomerPathSchema }, async ({ actor, params }) => success(await listBillingCards(actor.merchantId, params.customer_id)));

export const POST = apiRoute({ params: CustomerPathSchema, body: AddBillingCardSchema }, async ({ actor, params, body }) =>
  success(await addBillingCard(actor, params.customer_id, body)),
);

export const PUT = apiRoute({ params: CustomerPathSchema, body: UpdateBillingCardSchema }, async ({ actor, params, body }) =>
  success(await updateBillingCard(actor, params.customer_id, body)),
);

export const { PATCH, DELETE } = unservedMethods("GET", "POST", "PUT");
