import { success } from "@/lib/api/envelope";
import { createCheckout } from "@/lib/checkout/create-checkout";
import { CreateCheckoutSchema } from "@/lib/checkout/schemas";
import { portalRoute } from "@/lib/portal/portal-route";

// POST /portal/api/links: create a checkout link, exactly as POST
// /platform/checkout does (same schema, same function).
export const POST = portalRoute({ permission: "links.write", body: CreateCheckoutSchema }, async ({ actor, body }) =>
  success(await createCheckout(actor, body)),
);
