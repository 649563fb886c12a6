// The worker's housekeeping jobs on a real database: each changes what it
// should and nothing else, and two workers running it at once are fine.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createCheckout } from "@/lib/checkout/create-checkout";
import { ManualClock } from "@/lib/webhooks/delivery/clock";
import { HOUSEKEEPING_JOBS } from "@/lib/housekeeping/jobs";
import type { HousekeepingJob } from "@/lib/housekeeping/housekeeping-job";
import type { Actor } from "@/lib/audit/record-audit";
import { addWebhook } from "@/lib/webhooks/add-webhook";
import { seal } from "@/lib/crypto/seal";
import { toDbBytes } from "@/lib/db/bytes";
import { cardAad } from "@/lib/vault/prepare-card";
import { newMerchant, uniqueCustomerId } from "../support/fixtures";
import { createUser } from "@/lib/users/create-user";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const job = (name: string): HousekeepingJob => HOUSEKEEPING_JOBS.find((j) => j.name === name)!;
const hex = () => randomBytes(16).toString("hex");
const ago = (ms: number) => new Date(Date.now() - ms);

function sealedCard(merchantId: bigint, id: string) {
  const sealed = seal("4111111111111111", cardAad(merchantId, id));
  return { sealedNumber: toDbBytes(sealed.sealed), kekVersion: sealed.kekVersion };
}

/** Runs the job on two "workers" at once; returns what each changed. */
async function runTwiceAtOnce(name: string): Promise<number[]> {
  const clock = new ManualClock();
  return Promise.all([job(name).run(clock), job(name).run(clock)]);
}

async function merchant(): Promise<Actor> {
  const m = await newMerchant();
  return { merchantId: BigInt(m.merchantId), actor: "test" };
}

describe("housekeeping jobs", () => {
  it("every job is named and scheduled", () => {
    expect(HOUSEKEEPING_JOBS.map((j) => j.name)).toEqual([
      "expire-checkout-links",
      "prune-transient-keys",
      "prune-pending-cards",
      "prune-idempotency-records",
      "prune-rate-limits",
      "prune-webhook-history",
      "prune-portal-sessions",
      "prune-user-invites",
    ]);
    for (const j of HOUSEKEEPING_JOBS) expect(j.everyMs).toBeGreaterThan(0);
  });

  it("expire-checkout-links marks open links past their expiry expired, and leaves open, spent and locked ones", async () => {
    const actor = await merchant();
    const ids = [];
    for (let i = 0; i < 4; i++)
      ids.push((await createCheckout(actor, { customer_id: uniqueCustomerId(), customer_first_name: "Jo", preferences: { expire_in_secs: 900 } })).checkout_id);
    const [stale, fresh, spent, locked] = ids as [string, string, string, string];
    await getDb().$transaction(async (tx) => {
      await tx.checkout.update({ where: { id: stale }, data: { expiresAt: ago(MINUTE) } });
      await tx.checkout.update({ where: { id: spent }, data: { expiresAt: ago(MINUTE), state: "spent" } });
      await tx.checkout.update({ where: { id: locked }, data: { expiresAt: ago(MINUTE), state: "locked" } });
    });
    const changed = await runTwiceAtOnce("expire-checkout-links");
    expect(changed.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    const states = await getDb().checkout.findMany({ where: { id: { in: ids } }, select: { id: true, state: true } });
    expect(Object.fromEntries(states.map((s) => [s.id, s.state]))).toEqual({ [stale]: "expired", [fresh]: "open", [spent]: "spent", [locked]: "locked" });
  });

  it("prune-transient-keys removes keys a day past expiry and keeps recent ones", async () => {
    const actor = await merchant();
    const old = hex();
    const recent = hex();
    await getDb().$transaction((tx) =>
      tx.transientKey.createMany({
        data: [
          { hash: old, merchantId: actor.merchantId, expiresAt: ago(DAY + MINUTE) },
          { hash: recent, merchantId: actor.merchantId, expiresAt: ago(MINUTE) },
        ],
      }),
    );
    await runTwiceAtOnce("prune-transient-keys");
    const left = await getDb().transientKey.findMany({ where: { hash: { in: [old, recent] } }, select: { hash: true } });
    expect(left.map((k) => k.hash)).toEqual([recent]);
  });

  it("prune-pending-cards removes unclaimed card tokens (sealed card data) once expired", async () => {
    const actor = await merchant();
    const card = (id: string, expiresAt: Date) => ({
      id,
      merchantId: actor.merchantId,
      fingerprint: hex(),
      maskedNumber: "411111xxxxxx1111",
      cardType: "VS",
      expDate: "1230",
      // Really sealed: other files (key rotation) re-wrap every row they find.
      ...sealedCard(actor.merchantId, id),
      zip: "94402",
      expiresAt,
    });
    const expired = hex();
    const live = hex();
    await getDb().$transaction((tx) => tx.pendingCard.createMany({ data: [card(expired, ago(1000)), card(live, new Date(Date.now() + 10 * MINUTE))] }));
    await runTwiceAtOnce("prune-pending-cards");
    const left = await getDb().pendingCard.findMany({ where: { id: { in: [expired, live] } }, select: { id: true } });
    expect(left.map((c) => c.id)).toEqual([live]);
  });

  it("prune-idempotency-records removes records past their 24 hours", async () => {
    const actor = await merchant();
    const row = (key: string, expiresAt: Date) => ({
      merchantId: actor.merchantId,
      method: "POST",
      path: "/platform/vault/customer",
      key,
      requestHash: "h",
      state: "done",
      expiresAt,
    });
    await getDb().$transaction((tx) => tx.idempotencyRecord.createMany({ data: [row("old", ago(MINUTE)), row("new", new Date(Date.now() + DAY))] }));
    await runTwiceAtOnce("prune-idempotency-records");
    const left = await getDb().idempotencyRecord.findMany({ where: { merchantId: actor.merchantId }, select: { key: true } });
    expect(left.map((r) => r.key)).toEqual(["new"]);
  });

  it("prune-rate-limits removes counters whose window ended, never a running one", async () => {
    const name = `test-${hex()}`;
    await getDb().$transaction((tx) =>
      tx.rateLimit.createMany({
        data: [
          { key: `${name}:ended`, points: 7, expire: ago(MINUTE) },
          { key: `${name}:running`, points: 3, expire: new Date(Date.now() + 10 * MINUTE) },
        ],
      }),
    );
    await runTwiceAtOnce("prune-rate-limits");
    const left = await getDb().rateLimit.findMany({ where: { key: { startsWith: `${name}:` } }, select: { key: true } });
    expect(left.map((r) => r.key)).toEqual([`${name}:running`]);
  });

  it("prune-webhook-history removes finished deliveries and their events after 30 days, never a pending one", async () => {
    const actor = await merchant();
    const added = await addWebhook(actor, { label: "x", notification_url: "http://127.0.0.1:9/x" });
    const webhook = { id: added.webhook_id };
    await getDb().$transaction((tx) => tx.webhook.update({ where: { id: webhook.id }, data: { status: "DISABLED" } }));
    const event = (fannedOutAt: Date) => ({ eventId: hex(), merchantId: actor.merchantId, type: "vault_customer_updated", payload: "{}", fannedOutAt });
    const [oldDone, oldPending, recent] = await getDb().$transaction(async (tx) =>
      Promise.all([event(ago(31 * DAY)), event(ago(31 * DAY)), event(ago(DAY)), event(ago(31 * DAY))].map((data) => tx.event.create({ data }))),
    );
    const delivery = (eventPk: number, status: string, createdAt: Date) => ({
      webhookId: webhook.id,
      eventPk,
      merchantId: actor.merchantId,
      status,
      nextAttemptAt: createdAt,
      expiresAt: createdAt,
      createdAt,
    });
    await getDb().$transaction((tx) =>
      tx.webhookDelivery.createMany({
        data: [
          delivery(oldDone!.id, "DELIVERED", ago(31 * DAY)),
          delivery(oldPending!.id, "PENDING", ago(31 * DAY)),
          delivery(recent!.id, "DELIVERED", ago(DAY)),
        ],
      }),
    );
    await runTwiceAtOnce("prune-webhook-history");
    const made = [oldDone!.id, oldPending!.id, recent!.id];
    const events = await getDb().event.findMany({ where: { id: { in: made } }, select: { id: true } });
    expect(events.map((e) => e.id).sort((a, b) => a - b)).toEqual([oldPending!.id, recent!.id]);
    const deliveries = await getDb().webhookDelivery.findMany({ where: { webhookId: webhook.id }, select: { status: true } });
    expect(deliveries.map((d) => d.status).sort()).toEqual(["DELIVERED", "PENDING"]);
  });

  it("prune-portal-sessions removes sessions idle 15 minutes or past 12 hours, and keeps live ones", async () => {
    const actor = await merchant();
    const user = await createUser({
      merchantId: actor.merchantId,
      email: `hk-${hex()}@shop.example`,
      role: "viewer",
      password: "a-long-enough-password",
      actor: "test",
    });
    const session = (id: string, lastSeenAt: Date, expiresAt: Date) => ({
      id,
      userId: user.userId,
      merchantId: actor.merchantId,
      stage: "signed_in",
      csrf: "x",
      lastSeenAt,
      expiresAt,
    });
    const [idle, old, live] = [hex(), hex(), hex()];
    await getDb().$transaction((tx) =>
      tx.portalSession.createMany({
        data: [
          session(idle, ago(16 * MINUTE), new Date(Date.now() + DAY)),
          session(old, ago(MINUTE), ago(1000)),
          session(live, ago(MINUTE), new Date(Date.now() + DAY)),
        ],
      }),
    );
    await runTwiceAtOnce("prune-portal-sessions");
    const left = await getDb().portalSession.findMany({ where: { userId: user.userId }, select: { id: true } });
    expect(left.map((s) => s.id)).toEqual([live]);
  });

  it("prune-user-invites removes invitations a day past expiry and accepted ones, and keeps pending ones", async () => {
    const actor = await merchant();
    const invite = (id: string, expiresAt: Date, acceptedAt: Date | null) => ({
      id,
      merchantId: actor.merchantId,
      email: `${id}@shop.example`,
      role: "staff",
      invitedBy: "test",
      expiresAt,
      acceptedAt,
    });
    const [expired, accepted, recent, pending] = [hex(), hex(), hex(), hex()];
    await getDb().$transaction((tx) =>
      tx.userInvite.createMany({
        data: [
          invite(expired, ago(2 * DAY), null),
          invite(accepted, new Date(Date.now() + DAY), new Date()),
          invite(recent, ago(MINUTE), null),
          invite(pending, new Date(Date.now() + DAY), null),
        ],
      }),
    );
    await runTwiceAtOnce("prune-user-invites");
    const left = await getDb().userInvite.findMany({ where: { merchantId: actor.merchantId }, select: { id: true } });
    expect(left.map((i) => i.id).sort()).toEqual([recent, pending].sort());
  });
});
