// The Account Updater's run on a real database: the monthly harvest driven by
// the sandbox clock, each pinned sandbox card's answer applied in place,
// holds, duplicates, subscriptions, cancellation, two runs at once, and an
// answer racing the merchant's own update of the same card.
import { afterAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/record-audit";
import { holdCards, releaseCards } from "@/lib/account-updater/holds";
import { setEnrolment } from "@/lib/account-updater/enrolment";
import { insertRequest, openNumbers } from "@/lib/account-updater/requests/request-rows";
import { cancelRequest } from "@/lib/account-updater/requests/cancel-request";
import { monthOf } from "@/lib/account-updater/harvest-month";
import { runAccountUpdaterPass, runMerchantAccountUpdater } from "@/lib/account-updater/run/account-updater-pass";
import { runMerchantBilling } from "@/lib/billing/run/billing-pass";
import { merchantToday } from "@/lib/billing/merchant-today";
import { formatDay } from "@/lib/billing/utc-date";
import { openSealed } from "@/lib/crypto/seal";
import { getDb } from "@/lib/db/client";
import { moveSandboxClock } from "@/lib/sandbox-clock/sandbox-clock";
import { updateBillingCard } from "@/lib/vault/update-billing-card";
import { cardAad } from "@/lib/vault/prepare-card";
import { masked } from "../support/fixtures";
import { cardRow, enrolledMerchant, eventsOf, requestsOf, resultsOf, yearsLater } from "../support/account-updater";
import { startFakeUpstream } from "../support/fake-upstream-gateway";
import { upstreamMerchant } from "../support/billing-checks";
import { insertSubscription, newSubscriber } from "../support/subscriptions";

const PASS = { workerId: "au-test" };

/** An ad-hoc request of the merchant's vault cards, written as /aus/request/create writes it. */
async function requestCards(actor: Actor, cardIds: string[]): Promise<number> {
  const cards = await getDb().card.findMany({ where: { id: { in: cardIds } }, orderBy: { id: "asc" } });
  const today = formatDay(await merchantToday(actor.merchantId));
  return getDb().$transaction((tx) =>
    insertRequest(tx, actor, {
      method: "harvest_card_id",
      requestDate: today,
      rejected: [],
      results: cards.map((card) => ({
        cardId: card.id,
        fingerprint: card.fingerprint,
        maskedNumber: card.maskedNumber,
        cardType: card.cardType,
        expDate: card.expDate,
      })),
    }),
  );
}

afterAll(async () => {
  // Real worker processes in later files run every merchant's Account Updater: leave them nothing.
  await getDb().accountUpdaterEnrolment.deleteMany({});
  await getDb().accountUpdaterFile.updateMany({ where: { doneAt: null }, data: { doneAt: new Date() } });
});

describe("the monthly harvest through the sandbox clock", () => {
  it("harvests on its day and applies each pinned sandbox answer the next day, in place under the same card_id", async () => {
    const actor = await enrolledMerchant(5, "AU Harvest", { clock: "2027-02-03" });
    const pinned = ["4000000000000010", "4000000000000028", "4000000000000044", "4000000000000051", "4000000000000069", "5555555555554410", "4111111111111111"];
    const subscriber = await newSubscriber(actor, pinned);
    const [c201, c202, c203, c204, c206, mc202, c200] = subscriber.cardIds as [string, string, string, string, string, string, string];
    const jcb = (await newSubscriber(actor, ["3530111333300000"])).cardIds[0]!;
    const before = await Promise.all(subscriber.cardIds.map(cardRow));

    // The day before the harvest day: nothing.
    expect((await moveSandboxClock(actor, { advance_days: 1 })).au_requests).toBe(0);
    expect(await requestsOf(actor.merchantId)).toHaveLength(0);

    // The harvest day: the request is made and its file sent, not yet answered.
    expect((await moveSandboxClock(actor, { advance_days: 1 })).au_requests).toBe(0);
    const [request] = await requestsOf(actor.merchantId);
    expect(request).toMatchObject({ method: "harvest_cust_vault", status: "QUEUED", requestDate: "2027-02-05", cntRequest: 7, selecting: false });
    expect((await resultsOf(request!.id)).map((r) => r.cardId)).not.toContain(jcb);

    // The next day: answered and applied.
    expect((await moveSandboxClock(actor, { advance_days: 1 })).au_requests).toBe(1);
    const done = (await requestsOf(actor.merchantId))[0]!;
    expect(done).toMatchObject({ status: "COMPLETED", responseDate: "2027-02-06", cntRequest: 7, cntResponse: 7, cntUpdate: 3 });
    const byCard = new Map((await resultsOf(request!.id)).map((r) => [r.cardId, r]));
    expect([c201, c202, c203, c204, c206, mc202, c200].map((id) => byCard.get(id)?.reasonCode)).toEqual(["201", "202", "203", "204", "206", "202", "200"]);

    // 201: the expiry three years on, the number untouched.
    expect(await cardRow(c201)).toMatchObject({
      expDate: yearsLater(before[0]!.expDate, 3),
      maskedNumber: masked(pinned[0]!),
      fingerprint: before[0]!.fingerprint,
    });
    // 202: a new number under the same card_id, sealed again (it opens to the new number), a new fingerprint and mask, the same expiry.
    const visa = await cardRow(c202);
    expect(visa).toMatchObject({ maskedNumber: masked("4000000000000036"), expDate: before[1]!.expDate, auHold: false });
    expect(visa.fingerprint).not.toBe(before[1]!.fingerprint);
    const sealed = await getDb().card.findUniqueOrThrow({ where: { id: c202 }, select: { sealedNumber: true } });
    expect(openSealed(sealed.sealedNumber, cardAad(actor.merchantId, c202))).toBe("4000000000000036");
    expect(byCard.get(c202)).toMatchObject({ maskedNumber: masked(pinned[1]!), maskedNumberNew: masked("4000000000000036"), applied: "updated" });
    expect(await cardRow(mc202)).toMatchObject({ maskedNumber: masked("5555555555554428"), expDate: yearsLater(before[5]!.expDate, 2), cardType: "MC" });
    // 203 and 204: held, with the reason; 206 and 200: unchanged.
    expect(await cardRow(c203)).toMatchObject({ auHold: true, auHoldReason: "203", maskedNumber: masked(pinned[2]!) });
    expect(await cardRow(c204)).toMatchObject({ auHold: true, auHoldReason: "204" });
    expect(await cardRow(c206)).toEqual(before[4]);
    expect(await cardRow(c200)).toEqual(before[6]);

    const updated = await eventsOf(actor.merchantId, "vault_card_updated");
    expect(updated.map((e) => e.card_id).sort()).toEqual([c201, c202, mc202].sort());
    expect(JSON.stringify(updated)).not.toMatch(/4000000000000036|5555555555554428/);
    expect(await eventsOf(actor.merchantId, "account_updater_request_created")).toEqual([
      expect.objectContaining({ request_id: request!.id, method: "harvest_cust_vault", cnt_request: 7 }),
    ]);
    expect(await eventsOf(actor.merchantId, "account_updater_request_completed")).toEqual([
      expect.objectContaining({ request_id: request!.id, status: "COMPLETED", cnt_request: 7, cnt_response: 7, cnt_update: 3 }),
    ]);

    // The merchant holding a card an answer held changes nothing: the answer's reason stays, and no history is made up.
    await holdCards(actor, { card_id: c203 });
    expect(await cardRow(c203)).toMatchObject({ auHold: true, auHoldReason: "203" });
    expect((await getDb().cardHistory.findMany({ where: { cardId: c203 } })).map((h) => [h.kind, h.reason, h.actor])).toEqual([
      ["hold", "203", "account_updater"],
    ]);

    // The held cards stay out of next month's harvest.
    await moveSandboxClock(actor, { date: "2027-03-06" });
    const march = (await requestsOf(actor.merchantId))[1]!;
    expect(march).toMatchObject({ requestDate: "2027-03-05", status: "COMPLETED", cntRequest: 5 });
    expect((await resultsOf(march.id)).map((r) => r.cardId)).not.toContain(c203);
  });

  it("a card the merchant holds is not harvested; released, it is, the next month", async () => {
    const actor = await enrolledMerchant(1, "AU Holds", { clock: "2027-04-30" });
    const subscriber = await newSubscriber(actor, ["4000000000000010", "4111111111111111"]);
    const [held, other] = subscriber.cardIds as [string, string];
    await holdCards(actor, { card_id: held });
    await moveSandboxClock(actor, { advance_days: 2 });
    const may = (await requestsOf(actor.merchantId))[0]!;
    expect((await resultsOf(may.id)).map((r) => r.cardId)).toEqual([other]);
    expect(await cardRow(held)).toMatchObject({ auHold: true, auHoldReason: "merchant" });

    await releaseCards(actor, { customer_id: subscriber.customerId });
    await moveSandboxClock(actor, { date: "2027-06-02" });
    const june = (await requestsOf(actor.merchantId))[1]!;
    expect((await resultsOf(june.id)).map((r) => r.cardId).sort()).toEqual([held, other].sort());
    expect(june.status).toBe("COMPLETED");
    const history = await getDb().cardHistory.findMany({ where: { cardId: held }, orderBy: { id: "asc" } });
    expect(history.map((h) => [h.kind, h.reason])).toEqual([
      ["hold", "merchant"],
      ["release", null],
    ]);
  });

  it("an unenrolled merchant is not harvested, and its waiting files are not sent", async () => {
    const actor = await enrolledMerchant(1, "AU Leaves", { clock: "2027-07-31" });
    const subscriber = await newSubscriber(actor, ["4000000000000010"]);
    const id = await requestCards(actor, subscriber.cardIds);
    await setEnrolment(actor, { enrolled: false });
    await moveSandboxClock(actor, { advance_days: 3 });
    expect(await requestsOf(actor.merchantId)).toEqual([expect.objectContaining({ id, status: "INPROGRESS" })]);
    expect(await getDb().accountUpdaterFile.findMany({ where: { requestId: id, networkRef: null } })).toHaveLength(1);
  });
});

describe("the worker's pass over every merchant", () => {
  it("harvests a merchant on its own clock's day, then sends and answers its request on the passes after", async () => {
    const actor = await enrolledMerchant(1, "AU Worker Pass", { clock: "2027-09-30" });
    const subscriber = await newSubscriber(actor, ["4000000000000010"]);
    // Real time knows nothing of 2027-10-01: only the merchant's clock makes the harvest due.
    await moveSandboxClock(actor, { advance_days: 1 });
    await getDb().accountUpdaterEnrolment.update({ where: { merchantId: actor.merchantId }, data: { lastHarvestMonth: null } });
    await getDb().accountUpdaterRequest.deleteMany({ where: { merchantId: actor.merchantId } });
    await runAccountUpdaterPass(PASS);
    const [request] = await requestsOf(actor.merchantId);
    expect(request).toMatchObject({ method: "harvest_cust_vault", requestDate: "2027-10-01", status: "QUEUED", cntRequest: 1 });
    await runAccountUpdaterPass(PASS);
    expect((await requestsOf(actor.merchantId))[0]).toMatchObject({ status: "COMPLETED", responseDate: "2027-10-01", cntUpdate: 1 });
    expect((await cardRow(subscriber.cardIds[0]!)).expDate).not.toBe((await resultsOf(request!.id))[0]!.expDate);
  });
});

describe("an ad-hoc request in the worker's passes", () => {
  it("is sent on one pass and answered on the next", async () => {
    const actor = await enrolledMerchant(28, "AU Passes", { harvested: true });
    const subscriber = await newSubscriber(actor, ["4000000000000010"]);
    const id = await requestCards(actor, subscriber.cardIds);
    expect((await requestsOf(actor.merchantId))[0]).toMatchObject({ id, status: "INPROGRESS", method: "harvest_card_id" });
    expect(await runMerchantAccountUpdater(actor.merchantId, PASS)).toMatchObject({ sent: 1, applied: 0 });
    expect((await requestsOf(actor.merchantId))[0]!.status).toBe("QUEUED");
    expect(await runMerchantAccountUpdater(actor.merchantId, PASS)).toMatchObject({ sent: 0, applied: 1, updated: 1, completed: 1 });
    expect((await requestsOf(actor.merchantId))[0]!.status).toBe("COMPLETED");
  });

  it("a request cancelled after it was sent applies nothing", async () => {
    const actor = await enrolledMerchant(28, "AU Cancel", { harvested: true });
    const subscriber = await newSubscriber(actor, ["4000000000000028"]);
    const before = await cardRow(subscriber.cardIds[0]!);
    const id = await requestCards(actor, subscriber.cardIds);
    await runMerchantAccountUpdater(actor.merchantId, PASS);
    expect(await cancelRequest(actor, id)).toMatchObject({ status: "CANCELED" });
    expect(await runMerchantAccountUpdater(actor.merchantId, PASS)).toMatchObject({ applied: 0, updated: 0 });
    expect(await cardRow(subscriber.cardIds[0]!)).toEqual(before);
    expect((await resultsOf(id))[0]!.reasonCode).toBeNull();
    expect(await eventsOf(actor.merchantId, "vault_card_updated")).toEqual([]);
  });

  it("two runs at once answer every card once", async () => {
    const actor = await enrolledMerchant(28, "AU Twice", { harvested: true });
    const subscriber = await newSubscriber(actor, ["4000000000000010", "4000000000000028", "4000000000000044"]);
    const id = await requestCards(actor, subscriber.cardIds);
    await runMerchantAccountUpdater(actor.merchantId, PASS);
    const runs = await Promise.all([
      runMerchantAccountUpdater(actor.merchantId, { workerId: "au-a" }),
      runMerchantAccountUpdater(actor.merchantId, { workerId: "au-b" }),
    ]);
    expect(runs.reduce((sum, run) => sum + run.applied, 0)).toBe(3);
    expect((await requestsOf(actor.merchantId))[0]).toMatchObject({ id, status: "COMPLETED", cntResponse: 3, cntUpdate: 2 });
    expect(await eventsOf(actor.merchantId, "vault_card_updated")).toHaveLength(2);
    expect(await eventsOf(actor.merchantId, "account_updater_request_completed")).toHaveLength(1);
  });

  it("a number the merchant sent is answered with its new number sealed in its result, the vault untouched", async () => {
    const actor = await enrolledMerchant(28, "AU Numbers", { harvested: true });
    const today = formatDay(await merchantToday(actor.merchantId));
    const id = await getDb().$transaction((tx) =>
      insertRequest(tx, actor, {
        method: "harvest_api",
        requestDate: today,
        rejected: [],
        results: [
          { reference: "REF202", number: "4000000000000028", maskedNumber: masked("4000000000000028"), cardType: "VS", expDate: "1230" },
          { reference: "REF200", number: "4111111111111111", maskedNumber: masked("4111111111111111"), cardType: "VS", expDate: "1230" },
        ],
      }),
    );
    await runMerchantAccountUpdater(actor.merchantId, PASS);
    expect(await runMerchantAccountUpdater(actor.merchantId, PASS)).toMatchObject({ applied: 2, updated: 0, completed: 1 });
    const [answered, plain] = await resultsOf(id);
    expect(answered).toMatchObject({ reasonCode: "202", applied: null, maskedNumberNew: masked("4000000000000036"), expDateNew: null });
    expect(openNumbers(actor.merchantId, answered!.id, answered!.sealedNumbers!)).toEqual({ number: "4000000000000028", new: "4000000000000036" });
    expect(plain).toMatchObject({ reasonCode: "200", applied: null, maskedNumberNew: null });
    expect(openNumbers(actor.merchantId, plain!.id, plain!.sealedNumbers!)).toEqual({ number: "4111111111111111" });
    expect(await eventsOf(actor.merchantId, "vault_card_updated")).toEqual([]);
  });

  it("a card whose number changed after it was sent is left alone", async () => {
    const actor = await enrolledMerchant(28, "AU Moved", { harvested: true });
    const subscriber = await newSubscriber(actor, ["4000000000000010"]);
    const id = await requestCards(actor, subscriber.cardIds);
    await runMerchantAccountUpdater(actor.merchantId, PASS);
    await getDb().card.update({ where: { id: subscriber.cardIds[0]! }, data: { fingerprint: "another number's fingerprint" } });
    const before = await cardRow(subscriber.cardIds[0]!);
    await runMerchantAccountUpdater(actor.merchantId, PASS);
    expect(await cardRow(subscriber.cardIds[0]!)).toEqual(before);
    expect((await resultsOf(id))[0]).toMatchObject({ reasonCode: "201", applied: "skipped" });
  });
});

describe("a new number another card of the same customer already has", () => {
  it("keeps the older card, marks the newer replaced with its history, and moves its subscriptions", async () => {
    const actor = await enrolledMerchant(28, "AU Duplicate", { harvested: true });
    const today = formatDay(await merchantToday(actor.merchantId));
    // The customer already has the new number as an older card; the card that gets it is newer.
    const subscriber = await newSubscriber(actor, ["4000000000000036"]);
    await getDb().card.updateMany({ where: { id: subscriber.cardIds[0]! }, data: { createdAt: new Date(Date.now() - 86_400_000) } });
    const { addBillingCard } = await import("@/lib/vault/add-billing-card");
    const added = await addBillingCard(actor, subscriber.customerId, { card_number: "4000000000000028", exp_date: "1230", billing_zip: "12345" });
    const older = subscriber.cardIds[0]!;
    const newer = added.billing_cards!.find((card) => card.card_id !== older)!.card_id;
    const subscriptionId = await insertSubscription(actor, subscriber, { dateStart: today, amountMinor: 1000n }, { cardId: newer });
    await requestCards(actor, [newer]);
    await runMerchantAccountUpdater(actor.merchantId, PASS);
    await runMerchantAccountUpdater(actor.merchantId, PASS);

    expect(await cardRow(older)).toMatchObject({ maskedNumber: masked("4000000000000036"), replacedBy: null });
    const replaced = await cardRow(newer);
    expect(replaced).toMatchObject({ maskedNumber: masked("4000000000000036"), replacedBy: older, fingerprint: `replaced:${newer}` });
    expect((await getDb().billingSubscription.findUniqueOrThrow({ where: { id: subscriptionId } })).cardId).toBe(older);
    const history = await getDb().cardHistory.findMany({ where: { merchantId: actor.merchantId }, orderBy: { id: "asc" } });
    expect(history.map((h) => [h.cardId, h.kind, h.otherCardId])).toEqual([
      [newer, "replaced", older],
      [older, "kept", newer],
    ]);
    // Both card_ids still exist: nothing the merchant holds was lost.
    expect(await getDb().card.count({ where: { customerPk: subscriber.customerPk } })).toBe(2);
  });
});

describe("subscriptions of an updated card", () => {
  it("a subscription suspended by a decline resumes its retries when its card is updated", async () => {
    const actor = await enrolledMerchant(28, "AU Rescue", { harvested: true });
    const subscriber = await newSubscriber(actor, ["4000000000000010"]);
    const today = await merchantToday(actor.merchantId);
    // 25.41 is a hard decline (lost card) in the sandbox: the first charge suspends it.
    const id = await insertSubscription(actor, subscriber, { dateStart: formatDay(today), amountMinor: 2541n });
    await runMerchantBilling(actor.merchantId, PASS, today);
    expect(await getDb().billingSubscription.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "S" });

    await requestCards(actor, subscriber.cardIds);
    await runMerchantAccountUpdater(actor.merchantId, PASS);
    await runMerchantAccountUpdater(actor.merchantId, PASS);
    expect(await getDb().billingSubscription.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "A",
      dueDay: today,
      declines: 0,
      suspendedDay: null,
    });
    expect(await getDb().auditLog.count({ where: { merchantId: actor.merchantId, action: "subscription.resume", actor: "account_updater" } })).toBe(1);
    // The run charges the cycle again: a second attempt in the ledger.
    await runMerchantBilling(actor.merchantId, PASS, today);
    expect(await getDb().billingCharge.count({ where: { subscriptionId: id } })).toBe(2);
  });

  it("a subscription of a card given a new number charges the new number at the gateway", async () => {
    const fake = await startFakeUpstream();
    try {
      const actor = await upstreamMerchant(fake, "AU Upstream");
      await setEnrolment(actor, { enrolled: true, harvestDay: 28 });
      await getDb().accountUpdaterEnrolment.update({
        where: { merchantId: actor.merchantId },
        data: { lastHarvestMonth: monthOf(await merchantToday(actor.merchantId)) },
      });
      const subscriber = await newSubscriber(actor, ["4000000000000028"]);
      await requestCards(actor, subscriber.cardIds);
      await runMerchantAccountUpdater(actor.merchantId, PASS);
      await runMerchantAccountUpdater(actor.merchantId, PASS);
      const today = await merchantToday(actor.merchantId);
      await insertSubscription(actor, subscriber, { dateStart: formatDay(today), amountMinor: 1500n });
      await runMerchantBilling(actor.merchantId, PASS, today);
      const sales = fake.received.filter((request) => request.url.endsWith("/sale"));
      expect(sales.map((sale) => sale.body.card_number)).toEqual(["4000000000000036"]);
    } finally {
      await fake.close();
    }
  });
});

describe("an answer applied while the merchant updates the same card", () => {
  it("loses neither change: the expiry from the answer, the billing address from the API", async () => {
    const actor = await enrolledMerchant(28, "AU Race", { harvested: true });
    for (let round = 0; round < 5; round++) {
      const subscriber = await newSubscriber(actor, ["4000000000000010"]);
      const cardId = subscriber.cardIds[0]!;
      const before = await cardRow(cardId);
      await requestCards(actor, [cardId]);
      await runMerchantAccountUpdater(actor.merchantId, PASS);
      await Promise.all([
        runMerchantAccountUpdater(actor.merchantId, PASS),
        updateBillingCard(actor, subscriber.customerId, { card_id: cardId, billing_addr1: `${round} New Street`, billing_zip: "54321" }),
      ]);
      const after = await getDb().card.findUniqueOrThrow({ where: { id: cardId } });
      expect(after.expDate).toBe(yearsLater(before.expDate, 3));
      expect(after.addr1).toBe(`${round} New Street`);
      expect(after.zip).toBe("54321");
    }
  });
});
