// Webhook targets when a URL is saved. A URL whose host is, or resolves to,
// a private address is refused with a 400 naming notification_url, on add
// and on edit, and nothing changes. The suite's own server runs on a
// loopback PUBLIC_BASE_URL (the laptop default), where loopback receivers
// stay allowed; a second server under a public URL refuses those too.
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { apiClient } from "../support/api-client";
import { newMerchant, type TestMerchant } from "../support/fixtures";
import { expectStatus } from "../support/security-suite";
import { startServer, type RunningServer } from "../support/server";

const REFUSAL = "must reach a public address: this one is, or resolves to, a loopback or private address";

const PRIVATE_URLS = [
  "https://10.0.0.1/hook",
  "https://167772161/hook",
  "https://192.168.1.1/hook",
  "https://172.16.0.9/hook",
  "https://169.254.169.254/latest/meta-data/",
  "https://100.64.0.1/hook",
  "https://[fd00:ec2::254]/hook",
  "https://[fe80::1]/hook",
  "https://[::ffff:10.0.0.1]/hook",
  "https://0.0.0.0/hook",
  "https://224.0.0.1/hook",
];

const LOOPBACK_URLS = [
  "http://localhost:8080/hook",
  "http://127.0.0.1:8080/hook",
  "http://2130706433:8080/hook",
  "http://0x7f000001:8080/hook",
  "http://0177.0.0.1:8080/hook",
  "http://[::1]:8080/hook",
  "https://[::ffff:127.0.0.1]:8080/hook",
  `https://${hostname()}/hook`,
];

const webhookCount = (m: TestMerchant) => getDb().webhook.count({ where: { merchantId: BigInt(m.merchantId) } });

describe("webhook URLs at save, on the suite's loopback-based vault", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Targets at save");
  });

  it.each(PRIVATE_URLS)("refuses %s on add, storing nothing", async (url) => {
    const before = await webhookCount(m);
    const res = await m.api.post("/webhook", { label: "internal", notification_url: url });
    expectStatus(res, 400, url);
    expect(res.body.data).toEqual({ notification_url: REFUSAL });
    expect(await webhookCount(m)).toBe(before);
  });

  it("refuses a private URL on edit, and the stored URL stays", async () => {
    const added = await m.api.post("/webhook", { label: "public", notification_url: "https://hooks.example.com/vault" });
    expectStatus(added, 200, "add");
    const id = added.body.data.webhook_id as number;
    const res = await m.api.put(`/webhook/${id}`, { notification_url: "https://169.254.169.254/latest/meta-data/" });
    expectStatus(res, 400, "edit");
    expect(res.body.data).toEqual({ notification_url: REFUSAL });
    expect((await getDb().webhook.findUniqueOrThrow({ where: { id } })).notificationUrl).toBe("https://hooks.example.com/vault");
  });

  it("keeps loopback receivers for local development while the vault's own URL is loopback", async () => {
    const res = await m.api.post("/webhook", { label: "laptop", notification_url: "http://localhost:8080/hook" });
    expectStatus(res, 200, "add");
  });
});

describe("webhook URLs at save, on a vault served under a public URL", () => {
  let server: RunningServer;
  let m: TestMerchant;
  beforeAll(async () => {
    const env = { DATABASE_URL: inject("databaseUrl"), VAULT_KEYS_FILE: inject("keysFile"), PUBLIC_BASE_URL: "https://vault.example.com", LOG_LEVEL: "warn" };
    server = await startServer(env, join(inject("dataDir"), "public-url-server.log"));
    m = await newMerchant("Targets at save, public vault");
    m.api = apiClient(m.apiKey, server.baseUrl);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each(LOOPBACK_URLS)("refuses %s, a loopback address or a name that resolves to one", async (url) => {
    const res = await m.api.post("/webhook", { label: "internal", notification_url: url });
    expectStatus(res, 400, url);
    expect(res.body.data).toEqual({ notification_url: REFUSAL });
    expect(await webhookCount(m)).toBe(0);
  });

  it("accepts a public address", async () => {
    const res = await m.api.post("/webhook", { label: "public", notification_url: "https://93.184.215.14/hook" });
    expectStatus(res, 200, "add");
  });
});
