import type { PortalPaymentOutcome } from "@/lib/portal/portal-payment";
import { portalRequest } from "../portal-fetch";

// Sends one of the portal's payments and words its outcome. The request_key
// is kept for a resend only when the first send's fate is not known (the
// vault could not be reached, or the gateway did not answer): a resend then
// answers the first outcome instead of charging again. After any answer the
// caller takes a new key, so a changed amount is a new request.

export type PaymentAnswer =
  | { kind: "approved"; pgId: string; message: string }
  /** Shown in the dialog; `keepKey`: resend with the same request_key. */
  | { kind: "problem"; message: string; keepKey: boolean; fields: Record<string, string> };

export async function sendPayment(url: string, csrf: string, body: Record<string, unknown>): Promise<PaymentAnswer> {
  const answer = await portalRequest<PortalPaymentOutcome>(url, { csrf, body });
  if (!answer.ok) return { kind: "problem", message: answer.message, keepKey: answer.status === 0 || answer.status >= 500, fields: answer.fields };
  const { outcome, pg_id: pgId, message } = answer.data;
  if (outcome === "approved") return { kind: "approved", pgId, message };
  if (outcome === "declined") return { kind: "problem", message: `Declined: ${message}. Nothing was charged.`, keepKey: false, fields: {} };
  return {
    kind: "problem",
    message: `The gateway did not answer, so the outcome is not known. It is recorded as transaction ${pgId}: check it before trying again.`,
    keepKey: true,
    fields: {},
  };
}
