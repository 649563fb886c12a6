// The billing run reads a batch's cards together (readStoredCards): each
// subscription in one batch is still charged on exactly the card it names,
// or its customer's primary card when it names none, and one whose card is
// not this merchant's is suspended without a charge, saying why.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { runMerchantBilling } from "@/lib/billing/run/billing-pass";
import { merchantToday } from "@/lib/billing/merchant-today";
import { formatDay } from "@/lib/billing/utc-date";
import { newMerchant } from "../support/fixtures";
import { insertSubscription, newSubscriber } from "../support/subscriptions";

async function merchant(): Promise<Actor> {
  const m = await newMerchant();
  return { merchantId: BigInt(m.merchantId), actor: "test" };
}

describe("a batch's cards", () => {
  it("each subscription is charged on its own card, or its customer's primary one; a card that is not the merchant's suspends it", async () => {
    const actor = await merchant();
    const other = await merchant();
    const start = formatDay(await merchantToday(actor.merchantId));
    const terms = { dateStart: start, amountMinor: 1000n };

    const twoCards = await newSubscriber(actor, ["4111111111111111", "5555555555554444"]);
    const onSecond = await insertSubscription(actor, twoCards, terms, { cardId: twoCards.cardIds[1] });
    const onPrimary = await insertSubscription(actor, twoCards, terms, { cardId: null });
    const primaryOnly = await newSubscriber(actor, ["4242424242424242"]);
    const onOtherPrimary = await insertSubscription(actor, primaryOnly, terms, { cardId: null });
    const noCards = await newSubscriber(actor, []);
    const withoutCard = await insertSubscription(actor, noCards, terms);
    const othersCard = (await newSubscriber(other)).cardIds[0];
    const onOthersCard = await insertSubscription(actor, primaryOnly, terms, { cardId: othersCard });
    const onUnknownCard = await insertSubscription(actor, primaryOnly, terms, { cardId: "0123456789abcdef0123456789abcdef" });

    // One batch holds them all.
    const counts = await runMerchantBilling(actor.merchantId, { workerId: "test", batch: 100 });
    expect(counts).toMatchObject({ charges: 3, declines: 0, suspended: 3 });

    const charged = await getDb().transaction.findMany({
      where: { merchantId: actor.merchantId },
      select: { subscriptionId: true, cardId: true, status: true },
    });
    expect(Object.fromEntries(charged.map((t) => [t.subscriptionId, [t.cardId, t.status]]))).toEqual({
      [onSecond]: [twoCards.cardIds[1], "C"],
      [onPrimary]: [twoCards.cardIds[0], "C"],
      [onOtherPrimary]: [primaryOnly.cardIds[0], "C"],
    });
    // Nothing was charged on the other merchant's card, and its vault is untouched.
    expect(await getDb().transaction.count({ where: { cardId: othersCard } })).toBe(0);

    const suspended = await getDb().event.findMany({ where: { merchantId: actor.merchantId, type: "subscription_suspended" }, orderBy: { id: "asc" } });
    const reasons = Object.fromEntries(
      suspended.map((event) => {
        const data = JSON.parse(event.payload) as { subscription_id: number; rmsg: string };
        return [data.subscription_id, data.rmsg];
      }),
    );
    expect(reasons).toEqual({
      [withoutCard]: "No card to charge: has no card on file: no such customer, or the customer has no card",
      [onOthersCard]: "No card to charge: is not a card in this merchant's vault, nor one of its tokens",
      [onUnknownCard]: "No card to charge: is not a card in this merchant's vault, nor one of its tokens",
    });
    const rows = await getDb().billingSubscription.findMany({ where: { merchantId: actor.merchantId }, orderBy: { id: "asc" } });
    expect(Object.fromEntries(rows.map((row) => [row.id, [row.status, row.claimedBy, row.chargingPgId]]))).toEqual({
      [onSecond]: ["A", null, null],
      [onPrimary]: ["A", null, null],
      [onOtherPrimary]: ["A", null, null],
      [withoutCard]: ["S", null, null],
      [onOthersCard]: ["S", null, null],
      [onUnknownCard]: ["S", null, null],
    });
    // No ledger row for the subscriptions that could not be charged.
    expect(await getDb().billingCharge.count({ where: { subscriptionId: { in: [withoutCard, onOthersCard, onUnknownCard] } } })).toBe(0);
  });
});
