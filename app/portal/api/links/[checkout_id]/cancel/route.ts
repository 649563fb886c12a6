import { z } from "zod";
import { success } from "@/lib/api/envelope";
import { cancelCheckout } from "@/lib/checkout/cancel-checkout";
import { CHECKOUT_ID_PATTERN } from "@/lib/checkout/schemas";
import { portalRoute } from "@/lib/portal/portal-route";

const CancelLinkPathSchema = z.object({ checkout_id: z.string().regex(CHECKOUT_ID_PATTERN, "must be a checkout link's ID") });

// POST /portal/api/links/{checkout_id}/cancel: an open link can no longer be
// used (lib/checkout/cancel-checkout.ts). Whoever may create links may cancel them.
export const POST = portalRoute({ permission: "links.write", params: CancelLinkPathSchema }, async ({ actor, params }) => {
  return success(await cancelCheckout(actor, params.checkout_id));
});
