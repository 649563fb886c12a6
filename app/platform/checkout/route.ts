import { apiRoute } from "@/lib/api/api-route";
import { success } from "@/lib/api/envelope";
import { createCheckout } from "@/lib/checkout/create-checkout";
import { CreateCheckoutSchema } from "@/lib/checkout/schemas";
import { unservedMethods } from "@/lib/api/unserved-methods";

// POST: create a vault checkout link (hosted card capture).
export const POST = apiRoute({ body: CreateCheckoutSchema }, async ({ actor, body }) => success(await createCheckout(actor, body)));

export const { GET, PUT, PATCH, DELETE } = unservedMethods("POST");
