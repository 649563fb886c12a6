import "#server-only";
import http from "node:http";
import https from "node:https";
import { BlockedTargetError, guardedLookup, isAllowedTarget, literalAddress, type TargetPolicy } from "./target-address";

// One HTTP POST to a URL a merchant named (a webhook, an upstream gateway),
// through the target policy (target-address.ts). Redirects are not followed.
//
// node:http rather than fetch: the connection's address must pass the
// policy, and only a socket's `lookup` sees the address actually connected
// to. Keep-alive agents, one per policy, reuse connections; a reused
// connection was checked when it was made, and its address cannot change.

export type OutboundRequest = {
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  policy: TargetPolicy;
  /**
   * How much of the answer's body to read and return. 0: none. The body is
   * then drained (up to 64 KB, so the connection can be reused) and the
   * promise settles as soon as the status arrives.
   */
  readLimit: number;
};

export type OutboundAnswer = { statusCode: number; body: string | null };

/** An answer's body is drained up to this much so the connection can be reused; a longer one is cut off. */
const MAX_DRAINED_BYTES = 64 * 1024;

/** POSTs the body; throws BlockedTargetError for an address the policy refuses, and the socket's error (or the timeout's) otherwise. */
export function outboundPost(url: URL, request: OutboundRequest): Promise<OutboundAnswer> {
  const literal = literalAddress(url);
  if (literal && !isAllowedTarget(literal, request.policy)) return Promise.reject(new BlockedTargetError());
  const secure = url.protocol === "https:";
  const send = secure ? https.request : http.request;
  const body = Buffer.from(request.body, "utf8");
  return new Promise((resolve, reject) => {
    const outgoing = send(
      url,
      {
        method: "POST",
        agent: agentFor(request.policy, secure),
        headers: { "content-type": "application/json", "content-length": String(body.length), ...request.headers },
        signal: AbortSignal.timeout(request.timeoutMs),
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let received = 0;
        if (request.readLimit === 0) resolve({ statusCode, body: null });
        response.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (request.readLimit > 0 && received <= request.readLimit) chunks.push(chunk);
          if (received > Math.max(request.readLimit, MAX_DRAINED_BYTES)) response.destroy();
        });
        response.on("end", () => resolve({ statusCode, body: request.readLimit > 0 ? Buffer.concat(chunks).toString("utf8") : null }));
        response.on("error", (error) => (request.readLimit > 0 ? reject(error) : undefined));
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

/** A failed POST in words: the timeout, or the socket's error code; never an address or a port's state. */
export function describeOutboundFailure(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; code?: string; cause?: { name?: string } };
  if (e.name === "TimeoutError" || e.name === "AbortError" || e.cause?.name === "TimeoutError") return `no answer within ${timeoutMs} ms`;
  return `request failed: ${String(e.code ?? (error as Error).message).slice(0, 200)}`;
}
