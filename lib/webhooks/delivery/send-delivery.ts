import "#server-only";
import http from "node:http";
import https from "node:https";
import { BLOCKED_TARGET, BlockedTargetError, guardedLookup, isAllowedTarget, literalAddress, type TargetPolicy } from "../target-address";

// One HTTP POST of a delivery. Redirects are not followed (a 3xx is a
// failure, as the reference counts anything but 2xx), the answer's body is
// never read, and an answer that does not come within the timeout is a
// failure like any other.
//
// node:http rather than fetch: the connection's address must pass the
// target policy (target-address.ts), and only a socket's `lookup` sees the
// address actually connected to. Keep-alive agents, one per policy, reuse
// connections to an endpoint as fetch's pool did; a reused connection was
// checked when it was made, and its address cannot change since.

export const DELIVERY_TIMEOUT_MS = 10_000;

export type SendOutcome = { ok: boolean; statusCode: number | null; error: string | null; durationMs: number };

/** A blocked attempt records no duration: a timing would tell a port's state. */
const BLOCKED: SendOutcome = { ok: false, statusCode: null, error: BLOCKED_TARGET, durationMs: 0 };

/** An answer's body is drained up to this much so the connection can be reused; a longer one is cut off. */
const MAX_DRAINED_BYTES = 64 * 1024;

export async function sendDelivery(request: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  policy: TargetPolicy;
}): Promise<SendOutcome> {
  const url = new URL(request.url);
  const literal = literalAddress(url);
  if (literal && !isAllowedTarget(literal, request.policy)) return BLOCKED;
  const started = performance.now();
  const duration = () => Math.round(performance.now() - started);
  try {
    const statusCode = await post(url, request);
    const ok = statusCode >= 200 && statusCode < 300;
    return { ok, statusCode, error: ok ? null : `answered HTTP ${statusCode}`, durationMs: duration() };
  } catch (error) {
    if (error instanceof BlockedTargetError) return BLOCKED;
    return { ok: false, statusCode: null, error: describeFailure(error, request.timeoutMs), durationMs: duration() };
  }
}

function post(url: URL, request: { body: string; headers: Record<string, string>; timeoutMs: number; policy: TargetPolicy }): Promise<number> {
  const secure = url.protocol === "https:";
  const send = secure ? https.request : http.request;
  const body = Buffer.from(request.body, "utf8");
  return new Promise((resolve, reject) => {
    const outgoing = send(
      url,
      {
        method: "POST",
        agent: agentFor(request.policy, secure),
        headers: {
          "content-type": "application/json",
          "content-length": String(body.length),
          "user-agent": "CustomerVault-Webhooks/1",
          ...request.headers,
        },
        signal: AbortSignal.timeout(request.timeoutMs),
      },
      (response) => {
        resolve(response.statusCode ?? 0);
        let drained = 0;
        response.on("data", (chunk: Buffer) => {
          drained += chunk.length;
          if (drained > MAX_DRAINED_BYTES) response.destroy();
        });
        response.on("error", () => {});
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

const agents = new Map<string, http.Agent>();

function agentFor(policy: TargetPolicy, secure: boolean): http.Agent {
  const key = `${secure}:${policy.allowLoopback}:${policy.allowPrivate}`;
  let agent = agents.get(key);
  if (!agent) {
    const options = { keepAlive: true, lookup: guardedLookup(policy) };
    agent = secure ? new https.Agent(options) : new http.Agent(options);
    agents.set(key, agent);
  }
  return agent;
}

function describeFailure(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; code?: string; cause?: { name?: string } };
  if (e.name === "TimeoutError" || e.name === "AbortError" || e.cause?.name === "TimeoutError") return `no answer within ${timeoutMs} ms`;
  return `request failed: ${String(e.code ?? (error as Error).message).slice(0, 200)}`;
}
