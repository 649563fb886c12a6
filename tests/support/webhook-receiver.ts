// A real HTTP receiver for webhook tests: it listens on a loopback port,
// keeps every request (raw body, headers, time) and answers as the test
// says, including not answering at all.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedRequest = {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: { event: string; event_id: string; data: Record<string, unknown>; created: string };
  at: number;
};
/** An HTTP status, or "hang" to keep the request open without answering; `delayMs` answers late. */
export type Answer = number | "hang" | { status: number; delayMs: number };

export type WebhookReceiver = {
  url: string;
  requests: ReceivedRequest[];
  /** Decides each answer; the default is 200. `n` counts requests from 1. */
  answer: (request: ReceivedRequest, n: number) => Answer;
  waitFor: (predicate: (requests: ReceivedRequest[]) => boolean, timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
};

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const hanging = new Set<ServerResponse>();
  const receiver: WebhookReceiver = {
    url: "",
    requests: [],
    answer: () => 200,
    waitFor: async (predicate, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(receiver.requests)) {
        if (Date.now() > deadline) throw new Error(`receiver: condition not met within ${timeoutMs} ms (${receiver.requests.length} requests)`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const request = { path: req.url ?? "", headers: req.headers, rawBody, body: JSON.parse(rawBody) as ReceivedRequest["body"], at: Date.now() };
      receiver.requests.push(request);
      const answer = receiver.answer(request, receiver.requests.length);
      if (answer === "hang") {
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        return;
      }
      const { status, delayMs } = typeof answer === "number" ? { status: answer, delayMs: 0 } : answer;
      setTimeout(() => res.writeHead(status).end("ok"), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/vault`;
  return receiver;
}

/** event_ids in the order first received. */
export function receivedEventIds(requests: ReceivedRequest[]): string[] {
  return requests.map((r) => r.body.event_id);
}
