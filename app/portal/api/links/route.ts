import { success } from "@/lib/api/envelope";
import { isPaymentLink } from "@/lib/checkout/checkout-row";
import { checkoutPaymentOf, createCheckout } from "@/lib/checkout/create-checkout";
import { CreateCheckoutSchema } from "@/lib/checkout/schemas";
import { ApiError } from "@/lib/errors/api-error";
import { can } from "@/lib/portal/permissions";
import { portalRoute } from "@/lib/portal/portal-route";

// POST /portal/api/links: create a checkout link, exactly as POST
// /platform/checkout does (same schema, same function). A payment link (an
// amount above 0, by the checkout area's own rule) charges a card, so it also
// takes payments.write.
export const POST = portalRoute({ permission: "links.write", body: CreateCheckoutSchema }, async ({ session, actor, body }) => {
  if (isPaymentLink(checkoutPaymentOf(body)) && !can(session.user.role, "payments.write")) {
    throw new ApiError("forbidden", "Your role does not allow payment links.");
  }
  return success(await createCheckout(actor, body));
});
