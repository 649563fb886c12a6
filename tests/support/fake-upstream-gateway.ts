// A fake upstream payment gateway on loopback, speaking the PG API the
// upstream connector forwards to (lib/gateway/upstream-connector.ts). It
// keeps every request it received, split into what travels in the open (the
// request line and headers) and the body, so tests can check what reached it
// and where. It approves, declines by the sandbox's cents, or is told to
// decline everything, stall, fail, or lose its answers.
//
// Like a real gateway it remembers the charges (sales and auths) it
// processed by merch_ref_num, and answers POST {url}/lookup with what it
// remembers, as the billing run's reconciling asks (docs/billing.md,
// "Unknown outcomes").
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export type ReceivedRequest = { method: string; url: string; headers: IncomingMessage["headers"]; body: Record<string, unknown> };

/**
 * How the fake answers: approve (declining .05 cents), decline (every charge, a 402), stall (never answer), fail (HTTP
 * 500, processing nothing), lose-answer (processes the request as approve does, then drops the connection without
 * answering: an answer lost on its way back).
 */
export type FakeMode = "approve" | "decline" | "stall" | "fail" | "lose-answer";

/** A charge the fake processed, as its lookup reports it. */
export type FakeCharge = {
  merchRefNum: string;
  path: string;
  approved: boolean;
  pgId: string;
  rcode: string;
  rmsg: string;
  amtTran: number;
  authCode?: string;
};

export type FakeUpstream = {
  url: string;
  securityKey: string;
  received: ReceivedRequest[];
  /** The pg_ids the fake issued, in order. */
  issued: string[];
  /** The charges it processed, by merch_ref_num (a second charge with the same merch_ref_num replaces the first here). */
  charges: Map<string, FakeCharge>;
  /** POST /sale calls it processed, by merch_ref_num (a call answered 500 or 401 processed nothing and is not counted). */
  saleCalls: Map<string, number>;
  mode: FakeMode;
  /** How long the fake takes over each request but a lookup before it acts on it (and answers): a gateway slow to charge. */
  delayMs: number;
  /** The same for a lookup: a gateway slow to search. */
  lookupDelayMs: number;
  close(): Promise<void>;
};

/** The card calls that charge a card, and so are remembered for lookups. */
const CHARGE_PATHS = new Set(["/sale", "/auth"]);

export async function startFakeUpstream(): Promise<FakeUpstream> {
  const securityKey = `upstream-${randomBytes(8).toString("hex")}`;
  const fake: FakeUpstream = {
    url: "",
    securityKey,
    received: [],
    issued: [],
    charges: new Map(),
    saleCalls: new Map(),
    mode: "approve",
    delayMs: 0,
    lookupDelayMs: 0,
    close: async () => {},
  };
  const stalled: IncomingMessage[] = [];

  /** What the fake does with a charge or a follow-up in approve/decline mode: the status and body it answers. */
  function act(path: string, body: Record<string, unknown>): { status: number; body: Record<string, unknown> } {
    const pgId = randomBytes(16).toString("hex");
    fake.issued.push(pgId);
    const amount = typeof body.amt_tran === "number" ? body.amt_tran : 0;
    const cents = Math.round(amount * 100) % 100;
    const approved = !(cents === 5 || fake.mode === "decline");
    const answer = approved
      ? { pg_id: pgId, rcode: "000", rmsg: "Approved U12345", auth_code: "U12345", auth_avs_result: "Y", auth_cvv2_result: "M" }
      : { pg_id: pgId, rcode: "005", rmsg: "Upstream decline" };
    const ref = typeof body.merch_ref_num === "string" ? body.merch_ref_num : null;
    if (ref !== null && CHARGE_PATHS.has(path)) {
      fake.charges.set(ref, { merchRefNum: ref, path, approved, pgId, rcode: answer.rcode, rmsg: answer.rmsg, amtTran: amount, authCode: answer.auth_code });
      if (path === "/sale") fake.saleCalls.set(ref, (fake.saleCalls.get(ref) ?? 0) + 1);
    }
    return { status: approved ? 200 : 402, body: answer };
  }

  /** POST /lookup {merch_ref_num}: what the fake saw under that merch_ref_num, the charge's own answer fields. */
  function lookup(body: Record<string, unknown>): { status: number; body: Record<string, unknown> } {
    const found = typeof body.merch_ref_num === "string" ? fake.charges.get(body.merch_ref_num) : undefined;
    if (!found) return { status: 200, body: { found: false } };
    return {
      status: 200,
      body: {
        found: true,
        approved: found.approved,
        pg_id: found.pgId,
        rcode: found.rcode,
        rmsg: found.rmsg,
        amt_tran: found.amtTran,
        ...(found.authCode ? { auth_code: found.authCode } : {}),
      },
    };
  }

  function answer(request: IncomingMessage, response: ServerResponse, body: Record<string, unknown>): void {
    if (request.headers.authorization !== `Basic ${Buffer.from(`${securityKey}:`).toString("base64")}`) {
      return void response.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ rcode: "101", rmsg: "Invalid credentials" }));
    }
    if (fake.mode === "stall") return void stalled.push(request);
    if (fake.mode === "fail")
      return void response.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ rcode: "999", rmsg: "Internal error" }));
    const path = (request.url ?? "").replace(/^\/pg/, "");
    const result = path === "/lookup" ? lookup(body) : act(path, body);
    // Done, and then the answer never arrives: the connection is cut before a byte of it is written.
    if (fake.mode === "lose-answer") return void request.socket.destroy();
    response.writeHead(result.status, { "content-type": "application/json" }).end(JSON.stringify(result.body));
  }

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
      fake.received.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body });
      const delayMs = request.url === "/pg/lookup" ? fake.lookupDelayMs : fake.delayMs;
      if (delayMs > 0) setTimeout(() => answer(request, response, body), delayMs);
      else answer(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the fake upstream has no port");
  fake.url = `http://127.0.0.1:${address.port}/pg`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const request of stalled) request.socket.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
