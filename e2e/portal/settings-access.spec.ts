// Who may reach the settings: staff and viewers get a 404 for every settings
// page (as for another merchant's page) and no settings links, and the server
// refuses their settings mutations with 403 even when sent with the page's
// own CSRF token (the gateway's connection test too: it makes a transaction).
// An owner's request without the token is refused too, and another
// merchant's webhook or key is unknown (404).
import { test, expect } from "../support/fixtures";
import { auditRows, cliEnv, createPortalUser, signIn } from "../support/portal";
import { querySql } from "../support/database";
import { portalFetch, settingsMerchant } from "../support/portal-settings";
import { SEED_ACTOR } from "../support/seed";
import { runCli } from "../../tests/support/cli";

// Long flows (several pages, axe) on a shared two-core machine.
test.describe.configure({ timeout: 240_000 });

const PAGES = ["/portal/settings/branding", "/portal/settings/checkout", "/portal/settings/api-keys", "/portal/settings/webhooks", "/portal/settings/gateway"];

// Every settings mutation, with a body its schema accepts: only the role can make it fail.
const MUTATIONS: [string, string, unknown][] = [
  ["POST", "/portal/api/settings/branding", { displayName: "Forged", primaryColor: "", logo: { action: "keep" } }],
  ["POST", "/portal/api/settings/origins", { origin: "https://forged.example" }],
  ["DELETE", "/portal/api/settings/origins", { origin: "https://forged.example" }],
  ["PUT", "/portal/api/settings/redirect-defaults", { successUrl: "https://forged.example/ok", failureUrl: "" }],
  ["POST", "/portal/api/settings/signing-secret", {}],
  ["POST", "/portal/api/settings/api-keys", { label: "forged" }],
  ["DELETE", "/portal/api/settings/api-keys/1", {}],
  ["POST", "/portal/api/settings/webhooks", { label: "forged", notification_url: "https://forged.example/hook", events: [] }],
  ["PATCH", "/portal/api/settings/webhooks/1", { label: "forged" }],
  ["POST", "/portal/api/settings/webhooks/1/status", { status: "DISABLED" }],
  [
    "PUT",
    "/portal/api/settings/gateway",
    { connector: "upstream", upstreamUrl: "https://forged.example/pg", upstreamMerchantId: "1", securityKey: "forged-key" },
  ],
  ["PUT", "/portal/api/settings/gateway", { connector: "sandbox" }],
  // A test of the connection is a verify through the gateway: a transaction, so settings.write too.
  ["POST", "/portal/api/settings/gateway/test", {}],
];

for (const role of ["staff", "viewer"] as const) {
  test(`a ${role} gets 404 on settings pages, sees no settings links, and is refused (403) every settings mutation`, async ({ page, vault }) => {
    const m = await settingsMerchant(vault, `Role Shop ${role} ${Date.now().toString(36)}`);
    const user = await createPortalUser(vault, role, m.merchantId);
    await signIn(page, vault, user);
    const nav = page.getByRole("navigation", { name: "Portal" });
    for (const name of ["Branding", "Checkout settings", "API keys", "Webhooks", "Gateway"]) await expect(nav.getByRole("link", { name })).toHaveCount(0);

    for (const path of [...PAGES, "/portal/settings/webhooks/1"]) {
      const response = await page.goto(`${vault.baseUrl}${path}`);
      expect(response?.status(), path).toBe(404);
    }
    await page.goto(`${vault.baseUrl}/portal/customers`);
    for (const [method, path, body] of MUTATIONS) {
      const answer = await portalFetch(page, path, method, body);
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.body).toMatchObject({ message: "Your role does not allow this." });
    }
    // Nothing changed, nothing was recorded for them.
    for (const action of [
      "merchant.brand",
      "origin.add",
      "merchant.redirect_defaults",
      "merchant.signing_secret_rotate",
      "api_key.create",
      "webhook.create",
      "merchant.gateway",
      "transaction.verify",
    ]) {
      // (Creating the merchant recorded its first key, as the seed.)
      expect(
        (await auditRows(vault, m.merchantId, action)).filter((r) => r.actor !== SEED_ACTOR),
        action,
      ).toEqual([]);
    }
    expect((await m.api.get("/webhook")).body.totalRecords ?? 0).toBe(0);
    expect(runCli(["merchant", "gateway", "--merchant", String(m.merchantId), "--json"], cliEnv(vault))).toMatchObject({ connector: "sandbox" });
  });
}

test("an owner's settings mutation without the CSRF token is refused, and another merchant's webhook and key are unknown", async ({ page, vault }) => {
  const mine = await settingsMerchant(vault, `Own Shop ${Date.now().toString(36)}`);
  const theirs = await settingsMerchant(vault, `Their Shop ${Date.now().toString(36)}`);
  const hook = await theirs.api.post("/webhook", { label: "Theirs", notification_url: "https://theirs.example/hook", events: ["vault_card_created"] });
  expect(hook.status).toBe(200);
  const theirHookId = hook.body.data.webhook_id as number;

  await signIn(page, vault, mine.owner);
  await page.goto(`${vault.baseUrl}/portal/settings/api-keys`);
  const noToken = await page.evaluate(async () => {
    const response = await fetch("/portal/api/settings/api-keys", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ label: "no token" }),
    });
    return response.status;
  });
  expect(noToken).toBe(403);

  expect((await page.goto(`${vault.baseUrl}/portal/settings/webhooks/${theirHookId}`))?.status()).toBe(404);
  await page.goto(`${vault.baseUrl}/portal/settings/webhooks`);
  for (const [method, path, body] of [
    ["PATCH", `/portal/api/settings/webhooks/${theirHookId}`, { label: "taken over" }],
    ["POST", `/portal/api/settings/webhooks/${theirHookId}/status`, { status: "DISABLED" }],
  ] as const) {
    expect((await portalFetch(page, path, method, body)).status, `${method} ${path}`).toBe(404);
  }
  expect((await theirs.api.get(`/webhook/${theirHookId}`)).body.data).toMatchObject({ label: "Theirs", status: "ACTIVE" });
  // Their key, by its id: not mine to revoke.
  const [theirKey] = await querySql<{ id: number }>(
    vault,
    { sqlite: `SELECT "id" FROM "ApiKey" WHERE "merchantId" = ?`, postgres: `SELECT "id" FROM "ApiKey" WHERE "merchantId" = $1` },
    [theirs.merchantId],
  );
  expect((await portalFetch(page, `/portal/api/settings/api-keys/${theirKey!.id}`, "DELETE")).status).toBe(404);
  expect((await theirs.api.get("/webhook")).status).toBe(200);
});
