// A fake upstream payment gateway on loopback, speaking the PG API the
// upstream connector forwards to (lib/gateway/upstream-connector.ts). It
// keeps every request it received, split into what travels in the open (the
// request line and headers) and the body, so tests can check what reached it
// and where. It approves, declines by the sandbox's cents, or is told to
// decline everything, stall or fail.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";

export type ReceivedRequest = { method: string; url: string; headers: IncomingMessage["headers"]; body: Record<string, unknown> };

/** How the fake answers: approve (declining .05 cents), decline (every request, a 402), stall (never answer), fail (HTTP 500). */
export type FakeMode = "approve" | "decline" | "stall" | "fail";

export type FakeUpstream = {
  url: string;
  securityKey: string;
  received: ReceivedRequest[];
  /** The pg_ids the fake issued, in order. */
  issued: string[];
  mode: FakeMode;
  close(): Promise<void>;
};

export async function startFakeUpstream(): Promise<FakeUpstream> {
  const securityKey = `upstream-${randomBytes(8).toString("hex")}`;
  const fake: FakeUpstream = { url: "", securityKey, received: [], issued: [], mode: "approve", close: async () => {} };
  const stalled: IncomingMessage[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
      fake.received.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body });
      if (request.headers.authorization !== `Basic ${Buffer.from(`${securityKey}:`).toString("base64")}`) {
        return void response.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ rcode: "101", rmsg: "Invalid credentials" }));
      }
      if (fake.mode === "stall") return void stalled.push(request);
      if (fake.mode === "fail")
        return void response.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ rcode: "999", rmsg: "Internal error" }));
      const pgId = randomBytes(16).toString("hex");
      fake.issued.push(pgId);
      const amount = typeof body.amt_tran === "number" ? body.amt_tran : 0;
      const cents = Math.round(amount * 100) % 100;
      const answer =
        cents === 5 || fake.mode === "decline"
          ? { status: 402, body: { pg_id: pgId, rcode: "005", rmsg: "Upstream decline" } }
          : { status: 200, body: { pg_id: pgId, rcode: "000", rmsg: "Approved U12345", auth_code: "U12345", auth_avs_result: "Y", auth_cvv2_result: "M" } };
      response.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
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
