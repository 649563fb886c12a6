import "#server-only";
import { runToResult } from "../api/api-operation";
import { success } from "../api/envelope";
import type { Actor } from "../audit/record-audit";
import { errorResult } from "../http/error-result";
import type { RouteResult } from "../http/route-result";
import { answerOnce, hashRequestBody } from "../idempotency/idempotent-request";

// A payment the portal makes (a charge, a capture, a refund, a void), on the
// same lib/payments functions as /pg, answered in the portal's envelope.
//
// At most once: the form sends a request_key made once per dialog, which
// goes through the Idempotency-Key's records (lib/idempotency) under the
// route's own path, so a resend after a lost answer gets the first outcome.
//
// A decline and an unknown outcome are outcomes, not errors of the request:
// the answer is a success saying which, with the gateway's words (staff see
// the reason and its code, unlike the person paying on the hosted page).

export type PortalPaymentOutcome = {
  outcome: "approved" | "declined" | "unknown";
  pg_id: string;
  /** What staff read: the gateway's message, with the decline code. */
  message: string;
  auth_code?: string;
};

export async function portalPayment(
  actor: Actor,
  request: { path: string; key: string; body: unknown },
  run: () => Promise<RouteResult>,
): Promise<RouteResult> {
  const { answer } = await answerOnce(
    { merchantId: actor.merchantId, method: "POST", path: request.path, key: request.key },
    hashRequestBody(JSON.stringify(request.body)),
    () => runToResult(run, actor.requestId ?? "", errorResult),
  );
  return inPortalEnvelope(answer);
}

/** A /pg answer as the portal's success; a refusal (already in the envelope) as it is. */
function inPortalEnvelope(answer: RouteResult): RouteResult {
  const body = answer.body;
  if (typeof body.rcode !== "string" || typeof body.pg_id !== "string") return answer;
  const rmsg = String(body.rmsg ?? "");
  const outcome: PortalPaymentOutcome =
    answer.status === 200
      ? { outcome: "approved", pg_id: body.pg_id, message: rmsg, ...(typeof body.auth_code === "string" ? { auth_code: body.auth_code } : {}) }
      : answer.status === 402
        ? { outcome: "declined", pg_id: body.pg_id, message: `${rmsg} (code ${body.rcode})` }
        : { outcome: "unknown", pg_id: body.pg_id, message: rmsg };
  return success(outcome);
}
