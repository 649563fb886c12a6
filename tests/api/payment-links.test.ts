// Payment links: POST /platform/checkout with amt_tran, the hosted page
// charging the card through the merchant's connector (here the sandbox, and
// a stalled fake upstream), the signed redirect with pg_id and amt_tran, and
// GET /platform/checkout/{id} with the link's transactions. Driven as a
// browser without JavaScript would (tests/support/hosted-form.ts); the
// browser suite drives it in Chromium.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { payCheckout } from "@/lib/checkout/pay-checkout";
import { redirectSignature } from "@/lib/checkout/redirect-signature";
import { setMerchantGateway } from "@/lib/gateway/set-merchant-gateway";
import { futureExpiry, masked, newMerchant, uniqueCustomerId, uniqueVisa, type TestMerchant } from "../support/fixtures";
import { startFakeUpstream, type FakeUpstream } from "../support/fake-upstream-gateway";
import { openPage, submitForm, visibleText } from "../support/hosted-form";
import { expectStatus } from "../support/security-suite";

const expiry = () => {
  const mmyy = futureExpiry();
  return `${mmyy.slice(0, 2)}/${mmyy.slice(2)}`;
};

async function paymentLink(m: TestMerchant, fields: Record<string, unknown> = {}) {
  const customerId = uniqueCustomerId("Y");
  const r = await m.api.post("/checkout", {
    customer_id: customerId,
    customer_first_name: "Ada",
    amt_tran: 25,
    purchase_id: "INV-77",
    preferences: { success_url: "https://shop.example/paid?order=9", failure_url: "https://shop.example/failed" },
    ...fields,
  });
  expectStatus(r, 200, "payment link");
  return { checkoutId: r.body.data.checkout_id as string, customerId, path: `/checkout/${r.body.data.checkout_id}`, created: r.body.data };
}

const card = (number: string) => ({ card_number: number, exp_date: expiry(), cvv2: "123", billing_zip: "94402", cardholder_name: "Ada Lovelace" });

describe("a payment link", () => {
  it("answers its amount when made, shows it on the page, charges the card, stores it, and redirects with pg_id and amt_tran signed", async () => {
    const m = await newMerchant("Pay Link");
    const { path, checkoutId, customerId, created } = await paymentLink(m);
    expect(created).toMatchObject({ amt_tran: 25, tran_currency: "840", purchase_id: "INV-77", state: "open" });
    const page = await openPage(path);
    expect(page.html).toContain("$25.00");
    expect(page.html).toContain("Pay $25.00");

    const number = uniqueVisa();
    const post = await submitForm(path, page.html, card(number));
    expect(post.status, post.html.slice(0, 300)).toBe(303);
    const location = new URL(post.location!);
    expect(`${location.origin}${location.pathname}`).toBe("https://shop.example/paid");
    expect(location.searchParams.get("signature")).toBe(redirectSignature(location.searchParams, m.signingSecret));
    const params = Object.fromEntries(location.searchParams);
    expect(params).toMatchObject({ order: "9", checkout_id: checkoutId, customer_id: customerId, amt_tran: "25" });
    expect(params.pg_id).toMatch(/^[0-9a-f]{32}$/);

    const cards = (await m.api.get(`/vault/customer/${customerId}/billing`)).body.data.billing_cards;
    expect(cards).toMatchObject([{ card_id: params.card_id, card_number: masked(number) }]);
    const transaction = await m.api.get(`/transaction/${params.pg_id}`);
    expect(transaction.body.data).toMatchObject({
      tran_type: "sale",
      tran_status: "C",
      amt_tran: 25,
      card_id: params.card_id,
      customer_id: customerId,
      purchase_id: "INV-77",
    });

    const link = await m.api.get(`/checkout/${checkoutId}`);
    expect(link.body.data).toMatchObject({ state: "spent", card_id: params.card_id, amt_tran: 25 });
    expect(link.body.data.transactions).toMatchObject([{ pg_id: params.pg_id, rcode: "000", amt_tran: 25, tran_type: "sale" }]);

    // The same browser posting again (a double click) gets the same answer and pays nothing more.
    const again = await submitForm(path, page.html, card(number));
    expect(again.status).toBe(303);
    expect(new URL(again.location!).searchParams.get("pg_id")).toBe(params.pg_id);
    expect(await getDb().transaction.count({ where: { checkoutId } })).toBe(1);
  });

  it("names the customer's existing card when the same card pays, and stores no second one", async () => {
    const m = await newMerchant("Pay Link Same Card");
    const number = uniqueVisa();
    const customerId = uniqueCustomerId("S");
    const stored = await m.api.post("/vault/customer", {
      customer_id: customerId,
      customer_first_name: "Same",
      billing_cards: [{ card_number: number, exp_date: futureExpiry(), billing_zip: "94402" }],
    });
    const { path } = await paymentLink(m, { customer_id: customerId });
    const page = await openPage(path);
    const post = await submitForm(path, page.html, card(number));
    expect(post.status).toBe(303);
    expect(new URL(post.location!).searchParams.get("card_id")).toBe(stored.body.data.billing_cards[0].card_id);
    expect((await m.api.get(`/vault/customer/${customerId}/billing`)).body.data.billing_cards).toHaveLength(1);
  });

  it("explains a decline in plain words, stores nothing, and counts the attempt", async () => {
    const m = await newMerchant("Pay Link Decline");
    const { path, checkoutId, customerId } = await paymentLink(m, { amt_tran: 10.51 });
    const page = await openPage(path);
    const post = await submitForm(path, page.html, card(uniqueVisa()));
    expect(post.status).toBe(200);
    expect(post.html).toContain("does not have enough funds");
    // The network's code is not shown (the page's random ids and tokens may hold any digits).
    expect(visibleText(post.html)).not.toContain("051");
    expect((await m.api.get(`/vault/customer/${customerId}/billing`)).body.data.billing_cards).toHaveLength(0);
    const link = await m.api.get(`/checkout/${checkoutId}`);
    expect(link.body.data).toMatchObject({ state: "open", failed_attempts: 1 });
    expect(link.body.data.transactions).toMatchObject([{ rcode: "051", amt_tran: 10.51 }]);
  });

  // Declines from one address, called as the page calls it: five lock the link (the HTTP
  // tests share one address, and the per-address limit counts every failure on it).
  it("locks the link after five declines, and sends the customer to the failure_url", async () => {
    const m = await newMerchant("Pay Link Lock");
    const { checkoutId } = await paymentLink(m, { amt_tran: 10.51 });
    const from = { clientAddress: `198.51.100.${Math.floor(Math.random() * 250) + 1}`, formToken: "declines" };
    for (let attempt = 1; attempt <= 4; attempt++) {
      const result = await payCheckout(checkoutId, { card_number: uniqueVisa(), exp_date: futureExpiry(), cvv2: "123", billing_zip: "94402" }, from);
      expect(result).toMatchObject({ kind: "declined", attemptsLeft: 5 - attempt });
    }
    const fifth = await payCheckout(checkoutId, { card_number: uniqueVisa(), exp_date: futureExpiry(), cvv2: "123", billing_zip: "94402" }, from);
    expect(fifth.kind).toBe("unusable");
    expect(fifth).toMatchObject({ reason: "locked" });
    expect(new URL((fifth as { redirectUrl: string }).redirectUrl).searchParams.get("reason")).toBe("locked");
    expect((await m.api.get(`/checkout/${checkoutId}`)).body.data).toMatchObject({ state: "locked", failed_attempts: 5 });
    expect(await getDb().transaction.count({ where: { checkoutId, status: "D" } })).toBe(5);
  });

  it("authorizes instead with request_type auth, to be captured later", async () => {
    const m = await newMerchant("Pay Link Auth");
    const { path } = await paymentLink(m, { preferences: { request_type: "auth", success_url: "https://shop.example/paid" } });
    const page = await openPage(path);
    const post = await submitForm(path, page.html, card(uniqueVisa()));
    expect(post.status, post.html.replace(/<[^>]+>/g, " ").slice(0, 2000)).toBe(303);
    const pgId = new URL(post.location!).searchParams.get("pg_id")!;
    expect((await m.api.get(`/transaction/${pgId}`)).body.data).toMatchObject({ tran_type: "auth", tran_status: "A" });
    expect((await m.pg.post(`/capture/${pgId}`, { merchant_id: m.merchantId, amt_tran: 25 })).status).toBe(200);
  });

  it.each([
    ["a negative amount", { amt_tran: -1 }, "amt_tran"],
    ["three decimals", { amt_tran: 1.234 }, "amt_tran"],
    ["an unknown currency", { tran_currency: 999 }, "tran_currency"],
    ["a card_id with an amount", { card_id: "0".repeat(32) }, "card_id"],
    ["request_type on a card-capture link", { amt_tran: 0, preferences: { request_type: "auth" } }, "preferences.request_type"],
  ])("is refused with %s, and nothing is made", async (_what, fields, field) => {
    const m = await newMerchant("Pay Link Bad");
    const r = await m.api.post("/checkout", { customer_id: uniqueCustomerId("B"), customer_first_name: "Bad", amt_tran: 5, ...fields });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(Object.keys(r.body.data)).toContain(field);
    expect(await getDb().checkout.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(0);
  });

  it("keeps card-capture links as they were: amt_tran 0 and no transactions", async () => {
    const m = await newMerchant("Capture Link");
    const r = await m.api.post("/checkout", { customer_id: uniqueCustomerId("C"), customer_first_name: "Cap" });
    expect(r.body.data).toMatchObject({ amt_tran: 0, tran_currency: "840" });
    expect((await m.api.get(`/checkout/${r.body.data.checkout_id}`)).body.data).not.toHaveProperty("transactions");
    const page = await openPage(`/checkout/${r.body.data.checkout_id}`);
    expect(page.html).toContain("Save card");
  });
});

describe("a payment link on an upstream gateway that does not answer", () => {
  let fake: FakeUpstream;
  beforeAll(async () => {
    fake = await startFakeUpstream();
  });
  afterAll(async () => {
    await fake.close();
  });

  it("stays pending with the transaction unknown, says so on the page, and takes no second payment", async () => {
    const m = await newMerchant("Pay Link Stall");
    await setMerchantGateway(
      { merchantId: BigInt(m.merchantId), actor: "test" },
      { connector: "upstream", upstreamUrl: fake.url, upstreamMerchantId: "212000000555", securityKey: fake.securityKey },
    );
    const { path, checkoutId, customerId } = await paymentLink(m, { preferences: {} });
    fake.mode = "stall";
    try {
      const page = await openPage(path);
      const post = await submitForm(path, page.html, card(uniqueVisa()));
      expect(post.status).toBe(303);
      expect(post.location).toBe(path);
      const after = await openPage(path);
      expect(after.html).toContain("do not pay again");
      const link = await m.api.get(`/checkout/${checkoutId}`);
      expect(link.body.data.state).toBe("pending");
      expect(link.body.data.transactions).toMatchObject([{ rcode: "998" }]);
      expect((await m.api.get(`/vault/customer/${customerId}/billing`)).body.data.billing_cards).toHaveLength(0);

      const sent = fake.received.length;
      const retry = await submitForm(path, page.html, card(uniqueVisa()));
      expect(retry.status).toBe(303);
      expect(fake.received.length).toBe(sent);
      expect(await getDb().transaction.count({ where: { checkoutId } })).toBe(1);
    } finally {
      fake.mode = "approve";
    }
  });
});
