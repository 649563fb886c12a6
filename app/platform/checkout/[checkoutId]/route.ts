import { apiRoute } from "@/lib/api/api-route";
import { success } from "@/lib/api/envelope";
import { getCheckout } from "@/lib/checkout/get-checkout";
import { CheckoutPathSchema } from "@/lib/checkout/schemas";
import { unservedMethods } from "@/lib/api/unserved-methods";

// GET: a checkout link's state (open, spent, expired, locked) and attempts.
export const GET = apiRoute({ params: CheckoutPathSchema }, async ({ actor, params }) => success(await getCheckout(actor.merchantId, params.checkoutId)));

export const { POST, PUT, PATCH, DELETE } = unservedMethods("GET");
