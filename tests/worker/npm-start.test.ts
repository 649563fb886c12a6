// `npm start` (scripts/start.mjs) runs the web app and the worker together:
// a webhook added over its API hears of a customer added over its API, and
// SIGTERM stops both.
import { spawn } from "node:child_process";
import { afterEach, expect, it } from "vitest";
import { inject } from "vitest";
import { getDb } from "@/lib/db/client";
import { freePort } from "../support/server";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { newMerchant } from "../support/fixtures";

let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  await getDb().$transaction((tx) => tx.webhook.updateMany({ data: { status: "DISABLED" } }));
  await receiver?.close();
});

it("npm start serves the API and runs the worker (deliveries browsable over the API), and SIGTERM stops both", async () => {
  receiver = await startWebhookReceiver();
  const port = await freePort();
  let output = "";
  const start = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      DATABASE_URL: inject("databaseUrl"),
      VAULT_KEYS_FILE: inject("keysFile"),
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      WORKER_POLL_MS: "50",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  start.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  start.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => start.once("exit", (code) => resolve(code)));
  try {
    await expect
      .poll(() => output.includes('"worker started"') && output.includes("Customer Vault is serving"), { timeout: 120_000, interval: 200 })
      .toBe(true);
    const merchant = await newMerchant();
    const base = `http://127.0.0.1:${port}/platform`;
    const auth = { authorization: `Basic ${Buffer.from(`${merchant.apiKey}:`).toString("base64")}`, "content-type": "application/json" };
    const added = await fetch(`${base}/webhook`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ label: "shop", notification_url: receiver.url, events: ["vault_customer_created"] }),
    });
    expect(added.status).toBe(200);
    const customer = await fetch(`${base}/vault/customer`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ customer_id: "NPMSTART1", customer_first_name: "Jane" }),
    });
    expect(customer.status).toBe(200);
    await receiver.waitFor((requests) => requests.some((r) => r.body.event === "vault_customer_created"), 30_000);
    expect(receiver.requests.map((r) => r.body.event)).toEqual(["validate_url", "vault_customer_created"]);
    expect(receiver.requests[1]!.body.data).toEqual({ customer_id: "NPMSTART1" });

    // The deliveries and their attempts, over the API.
    const webhookId = ((await added.json()) as { data: { webhook_id: number } }).data.webhook_id;
    type Listed = { delivery_id: number; event: string; status: string; attempts: number; last_response_code: number };
    const listDelivered = async () => {
      const list = (await (await fetch(`${base}/webhook/${webhookId}/deliveries?status=DELIVERED`, { headers: auth })).json()) as { data: Listed[] };
      return list.data;
    };
    await expect.poll(async () => (await listDelivered()).length, { timeout: 10_000 }).toBe(2);
    const delivered = await listDelivered();
    expect(delivered.map((d) => [d.event, d.status, d.attempts, d.last_response_code])).toEqual([
      ["vault_customer_created", "DELIVERED", 1, 200],
      ["validate_url", "DELIVERED", 1, 200],
    ]);
    const detail = (await (await fetch(`${base}/webhook/${webhookId}/deliveries/${delivered[0]!.delivery_id}`, { headers: auth })).json()) as {
      data: { attempt_log: { response_code: number; duration_ms: number }[] };
    };
    expect(detail.data.attempt_log).toHaveLength(1);
    expect(detail.data.attempt_log[0]!.response_code).toBe(200);
  } finally {
    start.kill("SIGTERM");
  }
  expect(await exited).toBe(0);
  expect(output).toContain('"worker stopped; leases released"');
});
