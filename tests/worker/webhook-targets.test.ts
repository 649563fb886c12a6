// Webhook targets at delivery, with a real worker process and a real
// receiver on loopback. A vault served under a public URL, switch off,
// refuses every spelling of loopback when it connects, whatever the URL
// looked like when saved (these were saved by a laptop-mode vault, as a
// name whose DNS answer changed would be): nothing reaches the receiver,
// and the attempt says only that it was blocked. With
// WEBHOOK_ALLOW_PRIVATE_TARGETS=1 the same receiver gets its deliveries.
import { hostname } from "node:os";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { addWebhook } from "@/lib/webhooks/add-webhook";
import type { Actor } from "@/lib/audit/record-audit";
import { newMerchant } from "../support/fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { startWorkerProcess, type WorkerProcess } from "../support/worker-process";

const PUBLIC_VAULT = { PUBLIC_BASE_URL: "https://vault.example.com" };

let receiver: WebhookReceiver;
let worker: WorkerProcess | undefined;

beforeEach(async () => {
  receiver = await startWebhookReceiver();
});

afterEach(async () => {
  if (worker && worker.child.exitCode === null) {
    worker.child.kill("SIGKILL");
    await worker.exited;
  }
  worker = undefined;
  await getDb().$transaction((tx) => tx.webhook.updateMany({ data: { status: "DISABLED" } }));
  await receiver.close();
});

/** The receiver's URL with its host spelled another way. */
function spelled(host: string, scheme = "http"): string {
  const port = new URL(receiver.url).port;
  return `${scheme}://${host}:${port}/hooks/vault`;
}

/** A webhook per URL, each owing its validate_url delivery. */
async function webhooksAt(urls: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const url of urls) {
    const merchant = await newMerchant("Target rule");
    const actor: Actor = { merchantId: BigInt(merchant.merchantId), actor: "test" };
    ids.push((await addWebhook(actor, { label: "internal", notification_url: url })).webhook_id);
  }
  return ids;
}

async function firstAttempts(webhookIds: number[], timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const deliveries = await getDb().webhookDelivery.findMany({ where: { webhookId: { in: webhookIds } }, include: { attemptsLog: true } });
    if (deliveries.length === webhookIds.length && deliveries.every((d) => d.attemptsLog.length > 0)) return deliveries;
    if (Date.now() > deadline) throw new Error(`not every delivery was attempted within ${timeoutMs} ms:\n${worker?.log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("webhook targets at delivery", () => {
  it("a vault under a public URL blocks every spelling of loopback when it connects, and says only that it was blocked", async () => {
    const urls = [
      spelled("localhost"),
      spelled("LocalHost"),
      spelled("2130706433"),
      spelled("0x7f000001"),
      spelled("0177.0.0.1"),
      spelled("[::ffff:127.0.0.1]"),
      spelled("[::1]"),
      spelled(hostname(), "https"),
    ];
    const ids = await webhooksAt(urls);
    worker = await startWorkerProcess(PUBLIC_VAULT);

    const deliveries = await firstAttempts(ids);
    expect(receiver.requests).toHaveLength(0);
    for (const delivery of deliveries) {
      expect(delivery.status).toBe("PENDING");
      expect(delivery.lastError).toBe("blocked: private address");
      expect(delivery.lastStatusCode).toBeNull();
      for (const attempt of delivery.attemptsLog) {
        expect(attempt).toMatchObject({ error: "blocked: private address", statusCode: null, durationMs: 0 });
      }
    }
  });

  it("WEBHOOK_ALLOW_PRIVATE_TARGETS=1 lets the same vault reach the receiver, numeric spellings included", async () => {
    const ids = await webhooksAt([spelled("2130706433"), spelled("localhost")]);
    worker = await startWorkerProcess({ ...PUBLIC_VAULT, WEBHOOK_ALLOW_PRIVATE_TARGETS: "1" });

    await receiver.waitFor((requests) => requests.length >= 2);
    const deliveries = await firstAttempts(ids);
    expect(deliveries.map((d) => d.status)).toEqual(["DELIVERED", "DELIVERED"]);
    expect(receiver.requests.map((r) => r.body.event)).toEqual(["validate_url", "validate_url"]);
  });
});
