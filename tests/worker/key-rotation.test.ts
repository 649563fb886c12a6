// Key rotation covers webhook secrets (and the other sealed columns tested
// below): after `keys rotate` and retiring the
// old KEK version, a webhook made before still signs with its secret and
// authenticates with its password (regression: rotation once re-wrapped only
// cards and merchant signing secrets, so retiring the old version would
// have left webhook secrets unopenable).
import { afterEach, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { countSealedByVersion } from "@/lib/key-rotation/count-sealed-by-version";
import { rotateKeys } from "@/lib/key-rotation/rotate-keys";
import { retireKekVersion } from "@/lib/crypto/retire-kek-version";
import { reloadKeyring } from "@/lib/crypto/get-keyring";
import { addWebhook } from "@/lib/webhooks/add-webhook";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { ManualClock } from "@/lib/webhooks/delivery/clock";
import { VaultWorker } from "@/worker/vault-worker";
import { newMerchant } from "../support/fixtures";
import { generate } from "otplib";
import { createUser } from "@/lib/users/create-user";
import { beginTotpEnrolment, confirmTotpEnrolment } from "@/lib/users/totp-enrolment";
import { verifySecondFactor } from "@/lib/users/verify-second-factor";
import { loadReadmeFunction } from "../support/readme-snippet";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { enrolledMerchant } from "../support/account-updater";
import { addRequest } from "@/lib/account-updater/requests/add-request";
import { getUpdatedResults } from "@/lib/account-updater/reports/get-updated-results";
import { BrowseDetailsQuerySchema } from "@/lib/account-updater/schemas";
import { runMerchantAccountUpdater } from "@/lib/account-updater/run/account-updater-pass";

type Verify = (rawBody: string, headers: Record<string, unknown>, secret: string) => boolean;
let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  await getDb().$transaction((tx) => tx.webhook.updateMany({ data: { status: "DISABLED" } }));
  await receiver?.close();
});

it("re-wraps webhook secrets and passwords, so retiring the old KEK version leaves every webhook working", async () => {
  const verify = await loadReadmeFunction<Verify>("verifyVaultWebhook");
  receiver = await startWebhookReceiver();
  const merchant = await newMerchant();
  const actor = { merchantId: BigInt(merchant.merchantId), actor: "test" };
  const webhook = await addWebhook(actor, {
    label: "shop",
    notification_url: receiver.url,
    auth_type: "BASIC",
    auth_settings: { user_name: "vault", user_password: "pw-before-rotation" },
  });
  const rotated = await rotateWebhookSecret(actor, webhook.webhook_id); // fills the previous-secret column too
  const oldVersion = reloadKeyring().activeKekVersion;

  const result = await rotateKeys({ addVersion: true });
  expect(result.complete).toBe(true);
  const counts = await countSealedByVersion();
  expect(counts.get(oldVersion) ?? 0).toBe(0);
  const row = await getDb().webhook.findUniqueOrThrow({ where: { id: webhook.webhook_id } });
  expect([row.secretKekVersion, row.previousSecretKekVersion, row.authPasswordKekVersion]).toEqual([
    result.activeVersion,
    result.activeVersion,
    result.activeVersion,
  ]);

  retireKekVersion(oldVersion);
  reloadKeyring();
  await new VaultWorker({ clock: new ManualClock(), jobs: [], timeoutMs: 2000 }).runOnce();
  const request = receiver.requests.find((r) => r.body.event === "validate_url")!;
  expect(verify(request.rawBody, request.headers, rotated.secret!)).toBe(true);
  expect(verify(request.rawBody, request.headers, webhook.secret!)).toBe(true);
  expect(request.headers.authorization).toBe(`Basic ${Buffer.from("vault:pw-before-rotation").toString("base64")}`);
});

it("re-wraps portal users' TOTP secrets, so retiring the old KEK version does not lock them out", async () => {
  const merchant = await newMerchant();
  const merchantId = BigInt(merchant.merchantId);
  const user = await createUser({
    merchantId,
    email: `totp-${Date.now().toString(36)}@shop.example`,
    role: "staff",
    password: "a-long-enough-password",
    actor: "test",
  });
  const enrolment = await beginTotpEnrolment({ id: user.userId, email: user.email });
  const epoch = Math.floor(Date.now() / 1000);
  const code = await generate({ secret: enrolment.secret, epoch });
  await confirmTotpEnrolment({ actor: { merchantId, actor: `user:${user.userId}` }, userId: user.userId, pending: enrolment.pending, code });
  const oldVersion = reloadKeyring().activeKekVersion;

  const result = await rotateKeys({ addVersion: true });
  expect(result.complete).toBe(true);
  const row = await getDb().user.findUniqueOrThrow({ where: { id: user.userId } });
  expect(row.totpKekVersion).toBe(result.activeVersion);

  retireKekVersion(oldVersion);
  reloadKeyring();
  // The next step's code: the enrolment spent this one.
  const next = await generate({ secret: enrolment.secret, epoch: epoch + 30 });
  expect(await verifySecondFactor(user.userId, next, new Date((epoch + 30) * 1000))).toEqual({ ok: true, usedRecoveryCode: false });
});

it("re-wraps the card numbers merchants sent to the Account Updater, new numbers included, so GET /aus/{requestId} still shows them after retiring the old KEK version", async () => {
  const actor = await enrolledMerchant(28, "AU Rotation", { harvested: true });
  const { request_id } = await addRequest(actor, { data: [{ card_id: "mine-1", card_number: "4000000000000028", exp_date: "1230" }] });
  const requestId = Number(request_id);
  // Sent on one pass, answered (202, a new number sealed with the one sent) on the next.
  await runMerchantAccountUpdater(actor.merchantId, { workerId: "rotation" });
  await runMerchantAccountUpdater(actor.merchantId, { workerId: "rotation" });
  const oldVersion = reloadKeyring().activeKekVersion;

  const result = await rotateKeys({ addVersion: true });
  expect(result.complete).toBe(true);
  expect((await countSealedByVersion()).get(oldVersion) ?? 0).toBe(0);
  expect((await getDb().accountUpdaterResult.findFirstOrThrow({ where: { requestId } })).kekVersion).toBe(result.activeVersion);

  retireKekVersion(oldVersion);
  reloadKeyring();
  const page = await getUpdatedResults(actor.merchantId, requestId, BrowseDetailsQuerySchema.parse({}));
  expect(page.data).toEqual([
    expect.objectContaining({ card_id: "mine-1", card_number: "4000000000000028", card_number_new: "4000000000000036", reason_code: "202" }),
  ]);
});
