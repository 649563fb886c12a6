import { chargeCard } from "@/lib/payments/charge-card";
import { ChargeCardFormSchema } from "@/lib/payments/form-schemas";
import { portalPayment } from "@/lib/portal/portal-payment";
import { portalRoute } from "@/lib/portal/portal-route";
import { CustomerPathSchema, CardIdSchema } from "@/lib/vault/schemas";

const CardPathSchema = CustomerPathSchema.extend({ card_id: CardIdSchema });

// POST: "Charge card" on a customer's card: a sale on that card, as POST
// /pg/sale with its card_id and customer_id (the card must be the customer's).
export const POST = portalRoute(
  { permission: "payments.write", params: CardPathSchema, body: ChargeCardFormSchema },
  async ({ actor, params, body, request }) => {
    const { request_key, ...charge } = body;
    return portalPayment(actor, { path: new URL(request.url).pathname, key: request_key, body: charge }, () =>
      chargeCard(actor, "sale", {
        merchant_id: 0,
        card_id: params.card_id,
        customer_id: params.customer_id,
        amt_tran: charge.amt_tran,
        tran_currency: charge.tran_currency,
        ...(charge.merch_ref_num ? { merch_ref_num: charge.merch_ref_num } : {}),
      }),
    );
  },
);
