// The webhook bench's floor: what one process can POST to the receiver when
// it does nothing else. A plain loop, one request at a time over one
// keep-alive connection sent by the worker's own sendDelivery (node:http
// with the target check in its lookup), each body built and
// signed like a delivery (lib/webhooks/delivery) and of the same size as the
// bench's deliveries. Runs `warmup` seconds untimed, then `seconds` timed.
//
//   node --import tsx bench/webhook-floor.ts <url> <secret> <warmup> <seconds>
//
// Prints one JSON line: { requests, ms, failed }.
import { deliveryBody } from "@/lib/webhooks/delivery/delivery-body";
import { signatureHeaders } from "@/lib/webhooks/delivery/sign-delivery";
import { randomHexId } from "@/lib/crypto/random-id";
import { sendDelivery } from "@/lib/webhooks/delivery/send-delivery";

/** The receiver is on loopback, which a laptop-mode vault may reach. */
const POLICY = { allowLoopback: true, allowPrivate: false };

async function post(url: string, secret: string, sequence: number): Promise<boolean> {
  const body = deliveryBody({
    eventId: randomHexId(),
    type: "vault_customer_created",
    payload: JSON.stringify({ customer_id: `BENCH${String(sequence % 1_000_000).padStart(6, "0")}`, customer_first_name: "Bench", customer_last_name: "Mark" }),
    createdAt: new Date(),
  });
  const headers = signatureHeaders(body, [secret], Math.floor(Date.now() / 1000));
  const outcome = await sendDelivery({ url, body, headers, timeoutMs: 10_000, policy: POLICY });
  return outcome.statusCode === 200;
}

async function loop(url: string, secret: string, seconds: number): Promise<{ requests: number; ms: number; failed: number }> {
  const started = performance.now();
  const until = started + seconds * 1000;
  let requests = 0;
  let failed = 0;
  while (performance.now() < until) {
    if (!(await post(url, secret, requests))) failed += 1;
    requests += 1;
  }
  return { requests, ms: performance.now() - started, failed };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [url, secret, warmup, seconds] = process.argv.slice(2);
  if (!url || !secret || !warmup || !seconds) throw new Error("usage: webhook-floor.ts <url> <secret> <warmup> <seconds>");
  await loop(url, secret, Number(warmup));
  console.log(JSON.stringify(await loop(url, secret, Number(seconds))));
}
