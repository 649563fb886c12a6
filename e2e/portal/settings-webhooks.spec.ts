// Webhooks in the portal: add (the API's URL and event rules; the secret
// shown once), edit, disable and enable, seen through the API too; and
// deliveries: the e2e server runs no worker, so the test that checks the
// deliveries list starts the real one (`npm run worker`) against the vault's
// database, with real receivers, and reads what it did on the page.
import { test, expect } from "../support/fixtures";
import { expectAxeClean } from "../support/axe";
import { auditRows, signIn } from "../support/portal";
import { settingsMerchant, startWorker } from "../support/portal-settings";
import { startWebhookReceiver, type WebhookReceiver } from "../../tests/support/webhook-receiver";

// One at a time: the second test's worker delivers every due event in the
// vault's database, the first test's new webhook's too, whose page must still
// say "No deliveries yet." (Run side by side, they raced.) Long flows
// (several pages, axe) on a shared two-core machine.
test.describe.configure({ mode: "serial", timeout: 300_000 });

let receivers: WebhookReceiver[] = [];
test.afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});
async function receiver(answer = 200): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver();
  started.answer = () => answer;
  receivers.push(started);
  return started;
}

test("an owner adds a webhook (secret shown once), edits it, disables and enables it", async ({ page, vault }, testInfo) => {
  const m = await settingsMerchant(vault, `Hook Shop ${Date.now().toString(36)}`);
  const target = await receiver();
  await signIn(page, vault, m.owner);
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  await expect(page.getByText("No webhooks yet.")).toBeVisible();
  await expectAxeClean(page, testInfo, "webhooks, none yet");

  const form = page.getByRole("form", { name: "Add a webhook" });
  await form.getByLabel("Label").fill("Orders");
  await form.getByLabel("Notification URL").fill("http://hooks.example/vault");
  await form.getByLabel("checkout_vault_card_added").check();
  await form.getByLabel("vault_customer_created").check();
  await form.getByRole("button", { name: "Add webhook" }).click();
  await expect(form.getByLabel("Notification URL")).toHaveAccessibleDescription(/This URL must use https \(http only for localhost\)/);
  await expectAxeClean(page, testInfo, "webhook URL refused");

  await form.getByLabel("Notification URL").fill(target.url);
  await form.getByRole("button", { name: "Add webhook" }).click();
  const secret = page.getByTestId("new-webhook-secret");
  await expect(secret).toHaveText(/\S{20,}/);
  const secretValue = (await secret.textContent())!.trim();
  await expect(page.getByText("Copy it now: you won’t see it again.")).toBeVisible();
  await expectAxeClean(page, testInfo, "webhook secret shown once");
  const row = page.getByRole("row").filter({ hasText: "Orders" });
  await expect(row).toContainText(target.url);
  await expect(row).toContainText("Active");

  await row.getByRole("link", { name: "Orders" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
  const webhookId = Number(/webhooks\/(\d+)$/.exec(page.url())![1]);
  await expect(page.getByText("No deliveries yet.")).toBeVisible();
  await expect(page.getByText(secretValue)).toHaveCount(0);
  await expectAxeClean(page, testInfo, "webhook detail");

  // Edit: a new label, one event fewer. The API sees what the portal saved.
  const edit = page.getByRole("form", { name: "Edit webhook" });
  await expect(edit.getByLabel("checkout_vault_card_added")).toBeChecked();
  await edit.getByLabel("Label").fill("Orders v2");
  await edit.getByLabel("vault_customer_created").uncheck();
  await edit.getByRole("button", { name: "Save webhook" }).click();
  await expect(page.getByText("Webhook saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Orders v2" })).toBeVisible();
  const api = await m.api.get(`/webhook/${webhookId}`);
  expect(api.body.data).toMatchObject({ label: "Orders v2", notification_url: target.url, events: ["checkout_vault_card_added"], status: "ACTIVE" });

  // Disable (confirmed), then enable.
  await page.getByRole("button", { name: "Disable webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Disable “Orders v2”?" });
  await expectAxeClean(page, testInfo, "disable confirmation");
  await dialog.getByRole("button", { name: "Disable" }).click();
  await expect(page.getByRole("button", { name: "Enable webhook" })).toBeVisible();
  await expect(page.getByRole("main").getByText("Disabled", { exact: true })).toBeVisible();
  expect((await m.api.get(`/webhook/${webhookId}`)).body.data.status).toBe("DISABLED");
  await page.getByRole("button", { name: "Enable webhook" }).click();
  await expect(page.getByRole("button", { name: "Disable webhook" })).toBeVisible();
  expect((await m.api.get(`/webhook/${webhookId}`)).body.data.status).toBe("ACTIVE");

  for (const action of ["webhook.create", "webhook.update", "webhook.disable", "webhook.enable"]) {
    expect(await auditRows(vault, m.merchantId, action), action).toEqual([
      expect.objectContaining({ actor: `user:${m.owner.userId}`, targetType: "webhook", targetId: String(webhookId) }),
    ]);
  }
});

test("deliveries made by the real worker are listed with status, attempts, last response and the attempt log", async ({ page, vault }, testInfo) => {
  const m = await settingsMerchant(vault, `Delivery Shop ${Date.now().toString(36)}`);
  const good = await receiver(200);
  const failing = await receiver(503);
  await signIn(page, vault, m.owner);
  await page.goto(`${vault.baseUrl}/portal/settings/webhooks`);
  const form = page.getByRole("form", { name: "Add a webhook" });
  for (const [label, target] of [
    ["Good receiver", good],
    ["Failing receiver", failing],
  ] as const) {
    await form.getByLabel("Label").fill(label);
    await form.getByLabel("Notification URL").fill(target.url);
    await form.getByLabel("vault_customer_created").check();
    await form.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.getByRole("row").filter({ hasText: label })).toBeVisible();
  }
  // An event both subscribe to, from the API.
  const created = await m.api.post("/vault/customer", { customer_id: `HOOK${Date.now().toString(36)}`, customer_first_name: "Grace" });
  expect(created.status).toBe(200);

  const worker = await startWorker(vault, testInfo.outputPath());
  try {
    await good.waitFor((requests) => ["validate_url", "vault_customer_created"].every((e) => requests.some((r) => r.body.event === e)), 45_000);
    await failing.waitFor((requests) => ["validate_url", "vault_customer_created"].some((e) => requests.some((r) => r.body.event === e)), 45_000);
  } finally {
    await worker.stop();
  }

  await page.getByRole("link", { name: "Good receiver" }).click();
  const rows = page.getByRole("table", { name: "Deliveries, newest first" }).getByRole("row");
  await expect(rows).toHaveCount(3); // header + validate_url + vault_customer_created
  for (const event of ["validate_url", "vault_customer_created"]) {
    const row = rows.filter({ hasText: event });
    await expect(row.getByRole("cell").nth(1)).toHaveText("Delivered");
    await expect(row.getByRole("cell").nth(2)).toHaveText("1");
    await expect(row.getByRole("cell").nth(3)).toHaveText("200");
    await row.getByText("1 attempt").click();
    await expect(row.getByRole("listitem")).toContainText("HTTP 200");
  }
  await expectAxeClean(page, testInfo, "deliveries");

  await page.goto(`${vault.baseUrl}/portal/settings/webhooks`);
  await page.getByRole("link", { name: "Failing receiver" }).click();
  const failed = page
    .getByRole("table", { name: "Deliveries, newest first" })
    .getByRole("row")
    .filter({ has: page.getByText("1 attempt") })
    .first();
  await expect(failed.getByRole("cell").nth(1)).toContainText("Pending");
  await expect(failed.getByRole("cell").nth(1)).toContainText("next ");
  await expect(failed.getByRole("cell").nth(3)).toHaveText("503");
  await failed.getByText("1 attempt").click();
  await expect(failed.getByRole("listitem")).toContainText("HTTP 503");
});
