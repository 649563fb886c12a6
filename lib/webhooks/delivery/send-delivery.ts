import "#server-only";
import { BLOCKED_TARGET, BlockedTargetError, type TargetPolicy } from "../../urls/target-address";
import { describeOutboundFailure, outboundPost } from "../../urls/outbound-post";

// One HTTP POST of a delivery (lib/urls/outbound-post.ts, through the target
// policy). A 3xx is a failure, as the reference counts anything but 2xx, the
// answer's body is never read, and an answer that does not come within the
// timeout is a failure like any other.

export const DELIVERY_TIMEOUT_MS = 10_000;

export type SendOutcome = { ok: boolean; statusCode: number | null; error: string | null; durationMs: number };

/** A blocked attempt records no duration: a timing would tell a port's state. */
const BLOCKED: SendOutcome = { ok: false, statusCode: null, error: BLOCKED_TARGET, durationMs: 0 };

export async function sendDelivery(request: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  policy: TargetPolicy;
}): Promise<SendOutcome> {
  const started = performance.now();
  const duration = () => Math.round(performance.now() - started);
  try {
    const { statusCode } = await outboundPost(new URL(request.url), {
      body: request.body,
      headers: { "user-agent": "CustomerVault-Webhooks/1", ...request.headers },
      timeoutMs: request.timeoutMs,
      policy: request.policy,
      readLimit: 0,
    });
    const ok = statusCode >= 200 && statusCode < 300;
    return { ok, statusCode, error: ok ? null : `answered HTTP ${statusCode}`, durationMs: duration() };
  } catch (error) {
    if (error instanceof BlockedTargetError) return BLOCKED;
    return { ok: false, statusCode: null, error: describeOutboundFailure(error, request.timeoutMs), durationMs: duration() };
  }
}
