// The hosted page's submit (lib/checkout/capture-card.ts) against the real
// database: store, spend, sign the redirect, count failures, lock, and stay
// single-use under double submits.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { captureCard, CHECKOUT_MAX_FAILED_ATTEMPTS } from "@/lib/checkout/capture-card";
import { CHECKOUT_ADDRESS_LIMIT } from "@/lib/checkout/address-limit";
import { redirectSignature } from "@/lib/checkout/redirect-signature";
import { openSealed } from "@/lib/crypto/open-sealed";
import { cardAad } from "@/lib/vault/prepare-card";
import { futureExpiry, masked, newMerchant, uniqueCustomerId, uniqueVisa, type TestMerchant } from "../support/fixtures";
import { expectStatus } from "../support/security-suite";

// Each test submits from its own address, so the per-address limit of one
// test never throttles another.
let from = newAddress();
function newAddress() {
  const octet = () => Math.floor(Math.random() * 254) + 1;
  return { clientAddress: `10.${octet()}.${octet()}.${octet()}`, requestId: "test" };
}
beforeEach(() => {
  from = newAddress();
});

async function newLink(m: TestMerchant, extra: Record<string, unknown> = {}) {
  const customerId = uniqueCustomerId("H");
  const r = await m.api.post("/checkout", {
    customer_id: customerId,
    customer_first_name: "Hosted",
    preferences: { success_url: "https://shop.example/ok?order=9", failure_url: "https://shop.example/failed" },
    ...extra,
  });
  expectStatus(r, 200, "create link");
  return { checkoutId: r.body.data.checkout_id as string, customerId: (extra.customer_id as string) ?? customerId };
}

const cardInput = (card_number = uniqueVisa()) => ({ card_number, exp_date: futureExpiry(), cvv2: "123", billing_zip: "94402" });

function verify(url: string, secret: string): URLSearchParams {
  const params = new URL(url).searchParams;
  expect(params.get("signature")).toBe(redirectSignature(params, secret));
  return params;
}

describe("capturing a card through a checkout link", () => {
  it("stores the card, spends the link and sends the browser to success_url with a signature the merchant can check", async () => {
    const m = await newMerchant("Capture Store");
    const { checkoutId, customerId } = await newLink(m);
    const input = cardInput();
    const before = Math.floor(Date.now() / 1000);
    const result = await captureCard(checkoutId, input, from);
    expect(result.kind).toBe("stored");
    if (result.kind !== "stored") return;
    const params = verify(result.redirectUrl!, m.signingSecret);
    expect(new URL(result.redirectUrl!).origin + new URL(result.redirectUrl!).pathname).toBe("https://shop.example/ok");
    expect(params.get("order")).toBe("9");
    expect(params.get("checkout_id")).toBe(checkoutId);
    expect(params.get("customer_id")).toBe(customerId);
    expect(params.get("card_id")).toBe(result.cardId);
    expect(Number(params.get("timestamp"))).toBeGreaterThanOrEqual(before);
    expect(result.redirectUrl).not.toContain(input.card_number);

    const customer = await m.api.get(`/vault/customer/${customerId}`);
    expect(customer.body.data.billing_cards).toMatchObject([{ card_id: result.cardId, card_number: masked(input.card_number), primary: true }]);
    const link = await m.api.get(`/checkout/${checkoutId}`);
    expect(link.body.data).toMatchObject({ state: "spent", card_id: result.cardId });

    const events = await getDb().event.findMany({ where: { merchantId: BigInt(m.merchantId), type: { startsWith: "checkout_" } } });
    expect(events.map((e) => e.type)).toEqual(["checkout_vault_card_added"]);
    expect(JSON.parse(events[0]!.payload)).toEqual({
      checkout_id: checkoutId,
      customer_id: customerId,
      card_id: result.cardId,
      card_number: masked(input.card_number),
      card_type: "VS",
      exp_date: input.exp_date,
    });
    const audit = await getDb().auditLog.findMany({ where: { merchantId: BigInt(m.merchantId), targetId: result.cardId } });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([["card.create", `checkout:${checkoutId}`]]);
  });

  it("answers a double submit of the same session with the same card_id and stores it once", async () => {
    const m = await newMerchant("Capture Double");
    const { checkoutId, customerId } = await newLink(m);
    const input = cardInput();
    // One page session posting five times: the link knows the session that spent it.
    const session = { ...from, formToken: "one-page-session" };
    const results = await Promise.all(Array.from({ length: 5 }, () => captureCard(checkoutId, input, session)));
    expect(results.map((r) => r.kind)).toEqual(Array(5).fill("stored"));
    const ids = new Set(results.map((r) => (r.kind === "stored" ? r.cardId : "")));
    expect(ids.size).toBe(1);
    expect((await m.api.get(`/vault/customer/${customerId}`)).body.data.billing_cards).toHaveLength(1);
    expect(await getDb().event.count({ where: { merchantId: BigInt(m.merchantId), type: { startsWith: "checkout_" } } })).toBe(1);
  });

  it("stores one card when different page sessions race on one link with different cards; the rest are told it is spent, and nothing else is written", async () => {
    const m = await newMerchant("Capture Race");
    const { checkoutId, customerId } = await newLink(m);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => captureCard(checkoutId, cardInput(), { ...from, formToken: `page-session-${i}` })));
    const stored = results.filter((r) => r.kind === "stored");
    expect(stored).toHaveLength(1);
    expect(results.filter((r) => r.kind === "unusable").map((r) => (r.kind === "unusable" ? r.reason : ""))).toEqual(Array(5).fill("spent"));
    const cards = (await m.api.get(`/vault/customer/${customerId}`)).body.data.billing_cards as { card_id: string; primary: boolean }[];
    expect(cards.map((c) => c.card_id)).toEqual([stored[0]!.kind === "stored" ? stored[0]!.cardId : ""]);
    expect(cards[0]!.primary).toBe(true);
    expect(await getDb().event.count({ where: { merchantId: BigInt(m.merchantId), type: { startsWith: "checkout_" } } })).toBe(1);
    expect(await getDb().auditLog.count({ where: { merchantId: BigInt(m.merchantId), action: "card.create" } })).toBe(1);
  });

  it("sends another card to a spent link to failure_url with reason spent, storing nothing", async () => {
    const m = await newMerchant("Capture Spent");
    const { checkoutId, customerId } = await newLink(m);
    expect((await captureCard(checkoutId, cardInput(), from)).kind).toBe("stored");
    const again = await captureCard(checkoutId, cardInput(), from);
    expect(again).toMatchObject({ kind: "unusable", reason: "spent" });
    const params = verify(again.kind === "unusable" ? again.redirectUrl! : "", m.signingSecret);
    expect(Object.fromEntries(params)).toMatchObject({ checkout_id: checkoutId, reason: "spent" });
    expect((await m.api.get(`/vault/customer/${customerId}`)).body.data.billing_cards).toHaveLength(1);
  });

  it(`counts failed submissions and locks the link at ${CHECKOUT_MAX_FAILED_ATTEMPTS}, storing nothing`, async () => {
    const m = await newMerchant("Capture Lock");
    const { checkoutId, customerId } = await newLink(m);
    const bad = [
      { ...cardInput(), card_number: "4111111111111112" },
      { ...cardInput(), exp_date: "0120" },
      { ...cardInput(), cvv2: "12" },
      { ...cardInput(), card_number: "4111 1111" },
    ];
    for (const [i, input] of bad.entries()) {
      const result = await captureCard(checkoutId, input, from);
      expect(result.kind).toBe("invalid");
      if (result.kind === "invalid") expect(result.attemptsLeft).toBe(CHECKOUT_MAX_FAILED_ATTEMPTS - 1 - i);
    }
    const fifth = await captureCard(checkoutId, { ...cardInput(), card_number: "1234" }, from);
    expect(fifth).toMatchObject({ kind: "unusable", reason: "locked" });
    // Locked for good: a valid card is refused too.
    expect(await captureCard(checkoutId, cardInput(), from)).toMatchObject({ kind: "unusable", reason: "locked" });
    const link = (await m.api.get(`/checkout/${checkoutId}`)).body.data;
    expect(link).toMatchObject({ state: "locked", failed_attempts: CHECKOUT_MAX_FAILED_ATTEMPTS });
    expect(link.locked_time).toBeDefined();
    expect((await m.api.get(`/vault/customer/${customerId}`)).body.data.billing_cards).toEqual([]);
  });

  it("refuses an expired link and an unknown one, storing nothing", async () => {
    const m = await newMerchant("Capture Expired");
    const { checkoutId, customerId } = await newLink(m);
    await getDb().$transaction((tx) => tx.checkout.update({ where: { id: checkoutId }, data: { expiresAt: new Date(Date.now() - 1) } }));
    const expired = await captureCard(checkoutId, cardInput(), from);
    expect(expired).toMatchObject({ kind: "unusable", reason: "expired" });
    expect(new URL(expired.kind === "unusable" ? expired.redirectUrl! : "").pathname).toBe("/failed");
    expect((await m.api.get(`/vault/customer/${customerId}`)).body.data.billing_cards).toEqual([]);
    expect(await captureCard("f".repeat(32), cardInput(), from)).toEqual({ kind: "unusable", reason: "unknown", redirectUrl: null });
  });

  it("replaces the number behind the same card_id on an update link", async () => {
    const m = await newMerchant("Capture Update");
    const customerId = uniqueCustomerId("U");
    const old = cardInput();
    const added = await m.api.post("/vault/customer", { customer_id: customerId, customer_first_name: "Up", billing_cards: [old] });
    const cardId = added.body.data.billing_cards[0].card_id as string;
    const { checkoutId } = await newLink(m, { customer_id: customerId, card_id: cardId });
    const replacement = cardInput();
    const result = await captureCard(checkoutId, replacement, from);
    expect(result).toMatchObject({ kind: "stored", cardId });
    const cards = (await m.api.get(`/vault/customer/${customerId}`)).body.data.billing_cards;
    expect(cards).toMatchObject([{ card_id: cardId, card_number: masked(replacement.card_number) }]);
    const stored = await getDb().card.findUniqueOrThrow({ where: { id: cardId } });
    expect(openSealed(stored.sealedNumber, cardAad(BigInt(m.merchantId), cardId))).toBe(replacement.card_number);
    const events = await getDb().event.findMany({ where: { merchantId: BigInt(m.merchantId), type: { startsWith: "checkout_" } } });
    expect(events.map((e) => e.type)).toEqual(["checkout_vault_card_updated"]);
  });

  it("a number the customer already has is a success with that card's card_id: the link is spent, nothing is stored twice", async () => {
    const m = await newMerchant("Capture Duplicate");
    const customerId = uniqueCustomerId("D");
    const existing = cardInput();
    const added = await m.api.post("/vault/customer", { customer_id: customerId, customer_first_name: "Dup", billing_cards: [existing] });
    const cardId = added.body.data.billing_cards[0].card_id as string;
    const { checkoutId } = await newLink(m, { customer_id: customerId });
    const result = await captureCard(checkoutId, { ...existing, card_number: existing.card_number.replace(/(\d{4})(?=\d)/g, "$1 ") }, from);
    expect(result).toMatchObject({ kind: "stored", cardId });
    expect((await m.api.get(`/checkout/${checkoutId}`)).body.data).toMatchObject({ state: "spent", failed_attempts: 0 });
    expect((await m.api.get(`/vault/customer/${customerId}`)).body.data.billing_cards.map((card: { card_id: string }) => card.card_id)).toEqual([cardId]);
    const events = await getDb().event.findMany({ where: { merchantId: BigInt(m.merchantId), type: { startsWith: "checkout_" } } });
    expect(events.map((e) => [e.type, JSON.parse(e.payload).card_id, JSON.parse(e.payload).checkout_id])).toEqual([
      ["checkout_vault_card_added", cardId, checkoutId],
    ]);
    // Another post to the spent link is refused as for any spent link.
    expect(await captureCard(checkoutId, existing, from)).toMatchObject({ kind: "unusable" });
  });

  it(`refuses an address on every link after ${CHECKOUT_ADDRESS_LIMIT.limit} failures in 10 minutes, until those 10 minutes are over`, async () => {
    const m = await newMerchant("Capture Address Limit");
    // Spread over links, as a card tester would, so no link locks first.
    for (let i = 0; i < CHECKOUT_ADDRESS_LIMIT.limit; i++) {
      const { checkoutId } = await newLink(m);
      expect((await captureCard(checkoutId, { ...cardInput(), card_number: "4111111111111112" }, from)).kind).toBe("invalid");
    }
    const { checkoutId, customerId } = await newLink(m);
    const refused = await captureCard(checkoutId, cardInput(), from);
    expect(refused.kind).toBe("throttled");
    if (refused.kind === "throttled") {
      expect(refused.retryAfterSeconds).toBeGreaterThan(CHECKOUT_ADDRESS_LIMIT.windowSeconds - 60);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(CHECKOUT_ADDRESS_LIMIT.windowSeconds);
    }
    // Refusing touched neither the link nor the customer.
    expect((await m.api.get(`/checkout/${checkoutId}`)).body.data).toMatchObject({ state: "open", failed_attempts: 0 });
    expect((await m.api.get(`/vault/customer/${customerId}`)).body.data.billing_cards).toEqual([]);
    // Another address is not affected.
    expect((await captureCard(checkoutId, cardInput(), newAddress())).kind).toBe("stored");

    // Once the window that began with the first failure is over, the address may try again.
    const { checkoutId: later } = await newLink(m);
    await getDb().$transaction((tx) =>
      tx.rateLimit.update({ where: { key: `${CHECKOUT_ADDRESS_LIMIT.name}:${from.clientAddress}` }, data: { expire: new Date(Date.now() - 1000) } }),
    );
    expect((await captureCard(later, cardInput(), from)).kind).toBe("stored");
  });
});
