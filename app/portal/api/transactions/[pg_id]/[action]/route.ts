import { z } from "zod";
import { followUp } from "@/lib/payments/follow-up";
import { FollowUpFormSchema } from "@/lib/payments/form-schemas";
import { PgIdSchema } from "@/lib/payments/schemas";
import { portalPayment } from "@/lib/portal/portal-payment";
import { portalRoute } from "@/lib/portal/portal-route";

const FollowUpPathSchema = z.object({ pg_id: PgIdSchema, action: z.enum(["capture", "refund", "void"], { error: "must be capture, refund or void" }) });

// POST /portal/api/transactions/{pg_id}/capture|refund|void: the transaction
// page's actions, as POST /pg/{action}/{pg_id} (the same state rules; an
// amount on a void is not taken).
export const POST = portalRoute(
  { permission: "payments.write", params: FollowUpPathSchema, body: FollowUpFormSchema },
  async ({ actor, params, body, request }) => {
    const amount = params.action === "void" || body.amt_tran === undefined ? {} : { amt_tran: body.amt_tran };
    return portalPayment(actor, { path: new URL(request.url).pathname, key: body.request_key, body: amount }, () =>
      followUp(actor, params.action, params.pg_id, amount),
    );
  },
);
