import "#server-only";

// One HTTP POST of a delivery. Redirects are not followed (a 3xx is a
// failure, as the reference counts anything but 2xx), the answer's body is
// never read, and an answer that does not come within the timeout is a
// failure like any other.

export const DELIVERY_TIMEOUT_MS = 10_000;

export type SendOutcome = { ok: boolean; statusCode: number | null; error: string | null; durationMs: number };

export async function sendDelivery(request: { url: string; body: string; headers: Record<string, string>; timeoutMs: number }): Promise<SendOutcome> {
  const started = performance.now();
  const duration = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(request.url, {
      method: "POST",
      body: request.body,
      headers: { "content-type": "application/json", "user-agent": "CustomerVault-Webhooks/1", ...request.headers },
      redirect: "manual",
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    // Free the connection for the next delivery without reading the body.
    await response.body?.cancel().catch(() => {});
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, error: ok ? null : `answered HTTP ${response.status}`, durationMs: duration() };
  } catch (error) {
    return { ok: false, statusCode: null, error: describeFailure(error, request.timeoutMs), durationMs: duration() };
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; cause?: { code?: string; message?: string } };
  if (e.name === "TimeoutError" || e.name === "AbortError") return `no answer within ${timeoutMs} ms`;
  const cause = e.cause?.code ?? e.cause?.message ?? (error as Error).message;
  return `request failed: ${String(cause).slice(0, 200)}`;
}
