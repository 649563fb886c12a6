// The embedded form with a charge (docs/payments.md, "Embedded form
// payments"): GET /platform/embedded with amt_tran, the form showing the
// amount, its submit charging the card through the merchant's connector (the
// sandbox, and a stalled fake upstream), the token's message carrying pg_id,
// and the transaction it leaves. Driven as a browser without JavaScript
// would (tests/support/hosted-form.ts); e2e/embedded.spec.ts pays in Chromium.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { hashTransientKey } from "@/lib/embedded/transient-key";
import { payWithEmbeddedForm } from "@/lib/embedded/pay-with-embedded-form";
import { setMerchantGateway } from "@/lib/gateway/set-merchant-gateway";
import { futureExpiry, masked, newMerchant, uniqueCustomerId, uniqueVisa, type TestMerchant } from "../support/fixtures";
import { startFakeUpstream, type FakeUpstream } from "../support/fake-upstream-gateway";
import { openPage, parentData, submitForm, visibleText } from "../support/hosted-form";
import { expectStatus, runVaultCli } from "../support/security-suite";

const SHOP = "https://shop.example";
const DECLINE_ALWAYS = "4000000000000341";

async function embeddedMerchant(name: string): Promise<TestMerchant> {
  const m = await newMerchant(name);
  await runVaultCli(["merchant", "origins", "--merchant", String(m.merchantId), "--add", SHOP]);
  return m;
}

/** A key made with these query parameters, and its form's path. */
async function chargeKey(m: TestMerchant, query: Record<string, string>) {
  const r = await m.api.get(`/embedded?${new URLSearchParams(query)}`);
  expectStatus(r, 200, "transient key");
  const key = r.body.data.transient_key as string;
  return { key, path: `/embedded/${key}`, answer: r.body.data as Record<string, unknown> };
}

const card = (number = uniqueVisa()) => {
  const mmyy = futureExpiry();
  return { card_number: number, exp_date: `${mmyy.slice(0, 2)}/${mmyy.slice(2)}`, cvv2: "123", billing_zip: "94402", cardholder_name: "Ada Lovelace" };
};

/** Submits the form and reads the token message its result page carries for the script. */
async function pay(path: string, fields: Record<string, string>) {
  const page = await openPage(path);
  const post = await submitForm(path, page.html, fields);
  const data = parentData<Record<string, unknown>>(post.html);
  return { page, post, token: data?.message ? { origins: data.origins, message: data.message } : null };
}

const transactionsOf = (m: TestMerchant) => getDb().transaction.findMany({ where: { merchantId: BigInt(m.merchantId) }, orderBy: { id: "asc" } });

describe("GET /platform/embedded with a charge", () => {
  it("stores the charge with the key and answers amt_tran and its currency", async () => {
    const m = await newMerchant("Embedded Charge Key");
    const { key, answer } = await chargeKey(m, { amt_tran: "19.99", tran_currency: "978", request_type: "auth", merch_ref_num: "ORD-1", purchase_id: "INV-1" });
    expect(answer).toMatchObject({ amt_tran: 19.99, tran_currency: "978", merchant_id: m.merchantId });
    const row = await getDb().transientKey.findUniqueOrThrow({ where: { hash: hashTransientKey(key) } });
    expect(row).toMatchObject({
      amountMinor: 1999n,
      currency: 978,
      requestType: "auth",
      merchRefNum: "ORD-1",
      purchaseId: "INV-1",
      pgId: null,
      forPortal: false,
    });

    // Defaults: a sale in US dollars; a yen amount in whole yen.
    const plain = await chargeKey(m, { amt_tran: "5" });
    expect(plain.answer).toMatchObject({ amt_tran: 5, tran_currency: "840" });
    expect(await getDb().transientKey.findUniqueOrThrow({ where: { hash: hashTransientKey(plain.key) } })).toMatchObject({
      amountMinor: 500n,
      currency: 840,
      requestType: "sale",
      merchRefNum: null,
    });
    expect((await chargeKey(m, { amt_tran: "1000", tran_currency: "392" })).answer).toMatchObject({ amt_tran: 1000, tran_currency: "392" });

    // Without an amount, the key is as before: no charge, nothing more in the answer.
    const none = await m.api.get("/embedded");
    expect(Object.keys(none.body.data).sort()).toEqual(["db_timestamp", "expiry_time", "merchant_id", "transient_key"]);
    expect(await getDb().transientKey.findUniqueOrThrow({ where: { hash: hashTransientKey(none.body.data.transient_key) } })).toMatchObject({
      amountMinor: null,
      currency: null,
      requestType: null,
    });
  });

  it.each([
    ["a zero amount", { amt_tran: "0" }, "amt_tran"],
    ["an empty amount", { amt_tran: "" }, "amt_tran"],
    ["a negative amount", { amt_tran: "-1" }, "amt_tran"],
    ["three decimals", { amt_tran: "1.234" }, "amt_tran"],
    ["decimals on yen", { amt_tran: "10.5", tran_currency: "392" }, "amt_tran"],
    ["eleven digits", { amt_tran: "12345678901" }, "amt_tran"],
    ["not a number", { amt_tran: "ten" }, "amt_tran"],
    ["an unknown currency", { amt_tran: "5", tran_currency: "999" }, "tran_currency"],
    ["a currency that is not a number", { amt_tran: "5", tran_currency: "USD" }, "tran_currency"],
    ["another request_type", { amt_tran: "5", request_type: "credit" }, "request_type"],
    ["a long merch_ref_num", { amt_tran: "5", merch_ref_num: "x".repeat(129) }, "merch_ref_num"],
    ["a long purchase_id", { amt_tran: "5", purchase_id: "x".repeat(26) }, "purchase_id"],
    ["a card number as purchase_id", { amt_tran: "5", purchase_id: "4111111111111111" }, "purchase_id"],
    ["tran_currency without an amount", { tran_currency: "840" }, "tran_currency"],
    ["request_type without an amount", { request_type: "auth" }, "request_type"],
    ["merch_ref_num without an amount", { merch_ref_num: "ORD-2" }, "merch_ref_num"],
  ])("is refused with %s in the platform envelope, and no key is made", async (_what, query, field) => {
    const m = await newMerchant("Embedded Charge Bad");
    const r = await m.api.get(`/embedded?${new URLSearchParams(query)}`);
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.code).toBe(6);
    expect(Object.keys(r.body.data)).toEqual([field]);
    expect(await getDb().transientKey.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(0);
  });
});

describe("the embedded form with a charge", () => {
  it("shows the amount, charges the card, and posts the token with pg_id; the transaction is there to read", async () => {
    const m = await embeddedMerchant("Embedded Charge Pay");
    const { key, path } = await chargeKey(m, { amt_tran: "25", purchase_id: "INV-77", merch_ref_num: "ORD-77" });
    const number = uniqueVisa();
    const { page, post, token } = await pay(path, card(number));
    expect(page.html).toContain("Amount due to");
    expect(page.html).toContain("Pay $25.00");
    expect(post.status, post.html.replace(/<[^>]+>/g, " ").slice(0, 1500)).toBe(200);
    expect(post.html).toContain("Your payment of $25.00 was made");
    expect(token?.origins).toEqual([SHOP]);
    const message = token!.message;
    expect(message).toMatchObject({ type: "customer-vault:card_token", card_number: masked(number), card_type: "VS", amt_tran: 25 });
    expect(message.pg_id).toMatch(/^[0-9a-f]{32}$/);
    expect(post.html).not.toContain(number);

    // One transaction, approved and captured, in minor units, naming the token as its card and no customer.
    const [row, ...others] = await transactionsOf(m);
    expect(others).toEqual([]);
    expect(row).toMatchObject({
      pgId: message.pg_id,
      type: "sale",
      status: "C",
      amountMinor: 2500n,
      approvedMinor: 2500n,
      currency: 840,
      cardId: message.card_id,
      customerId: null,
      checkoutId: null,
      merchRefNum: "ORD-77",
      purchaseId: "INV-77",
      maskedNumber: masked(number),
      connector: "sandbox",
    });
    const shown = await m.api.get(`/transaction/${message.pg_id as string}`);
    expectStatus(shown, 200, "transaction");
    expect(shown.body.data).toMatchObject({ pg_id: message.pg_id, tran_type: "sale", tran_status: "C", amt_tran: 25, card_id: message.card_id, rcode: "000" });
    // Another merchant does not see it.
    expect((await (await newMerchant("Embedded Charge Other")).api.get(`/transaction/${message.pg_id as string}`)).status).toBe(404);
    const events = await getDb().event.findMany({ where: { merchantId: BigInt(m.merchantId), type: { startsWith: "transaction_" } } });
    expect(events.map((e) => e.type)).toEqual(["transaction_approved"]);
    expect((await getDb().transientKey.findUniqueOrThrow({ where: { hash: hashTransientKey(key) } })).pgId).toBe(message.pg_id);

    // The key is used up: the form is gone, and a second submit charges nothing.
    expect((await openPage(path)).html).toContain("has been used or has expired");
    const again = await submitForm(path, page.html, card(number));
    expect(again.html).toContain("has been used or has expired");
    expect(parentData(again.html)?.message).toBeUndefined();
    expect(await getDb().transaction.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(1);

    // The merchant claims the token: the card is the customer's, and so is the transaction.
    const customerId = uniqueCustomerId("EC");
    expectStatus(await m.api.post("/vault/customer", { customer_id: customerId, customer_first_name: "Ada" }), 200, "customer");
    const attached = await m.api.post(`/vault/customer/${customerId}/billing`, { card_id: message.card_id });
    expectStatus(attached, 200, "attach");
    expect(attached.body.data.billing_cards).toMatchObject([{ card_id: message.card_id, card_number: masked(number) }]);
    expect((await m.api.get(`/transaction/${message.pg_id as string}`)).body.data).toMatchObject({ card_id: message.card_id, customer_id: customerId });
  });

  it("authorizes instead with request_type auth, to be captured later", async () => {
    const m = await embeddedMerchant("Embedded Charge Auth");
    const { path } = await chargeKey(m, { amt_tran: "12.34", request_type: "auth" });
    const { token } = await pay(path, card());
    const pgId = token!.message.pg_id as string;
    expect((await m.api.get(`/transaction/${pgId}`)).body.data).toMatchObject({ tran_type: "auth", tran_status: "A", amt_tran: 12.34 });
    expect((await m.pg.post(`/capture/${pgId}`, { merchant_id: m.merchantId, amt_tran: 12.34 })).status).toBe(200);
  });

  // One decline over HTTP: the HTTP tests share one client address, whose limit counts every failure on it.
  it("explains a decline in plain words, stores nothing, and counts the attempt", async () => {
    const m = await embeddedMerchant("Embedded Charge Decline");
    const { key, path } = await chargeKey(m, { amt_tran: "10.51" });
    const { post, token } = await pay(path, card());
    expect(token).toBeNull();
    expect(post.html).toContain("does not have enough funds");
    // The network's code is not shown (the page's random ids and tokens may hold any digits).
    expect(visibleText(post.html)).not.toContain("051");
    expect(post.html).toContain("Attempts left on this link: 4");
    expect(await getDb().pendingCard.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(0);
    const rows = await transactionsOf(m);
    expect(rows).toMatchObject([{ status: "D", rcode: "051", cardId: null, customerId: null, approvedMinor: 0n }]);
    // Open again for another card, one attempt down.
    expect(await getDb().transientKey.findUniqueOrThrow({ where: { hash: hashTransientKey(key) } })).toMatchObject({ usedAt: null, failedAttempts: 1 });
    expect((await openPage(path)).html).toContain("Pay $");
  });

  // Called as the page calls it, from addresses of its own: the HTTP tests share one, and
  // the per-address limit counts every failure on it.
  it("declines the decline-always card, pays with another card after it, and is used up after five declines", async () => {
    const m = await embeddedMerchant("Embedded Charge Retry");
    const from = () => ({ clientAddress: `198.51.100.${Math.floor(Math.random() * 250) + 1}`, requestId: crypto.randomUUID() });
    const input = (number: string) => ({ card_number: number, exp_date: futureExpiry(), cvv2: "123", billing_zip: "94402" });

    const retried = await chargeKey(m, { amt_tran: "30" });
    expect(await payWithEmbeddedForm(retried.key, input(DECLINE_ALWAYS), from())).toEqual({
      kind: "declined",
      message: "decline.funds",
      attemptsLeft: 4,
    });
    expect(await getDb().pendingCard.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(0);
    const paid = await payWithEmbeddedForm(retried.key, input(uniqueVisa()), from());
    expect(paid).toMatchObject({ kind: "done", value: { token: { amt_tran: 30 } } });

    const locked = await chargeKey(m, { amt_tran: "30" });
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(await payWithEmbeddedForm(locked.key, input(DECLINE_ALWAYS), from())).toMatchObject({ kind: "declined", attemptsLeft: 5 - attempt });
    }
    expect(await payWithEmbeddedForm(locked.key, input(DECLINE_ALWAYS), from())).toEqual({ kind: "done", value: { unusable: true } });
    expect(await payWithEmbeddedForm(locked.key, input(uniqueVisa()), from())).toEqual({ kind: "done", value: { unusable: true } });
    const statuses = (await transactionsOf(m)).map((t) => t.status);
    expect(statuses).toEqual(["D", "C", "D", "D", "D", "D", "D"]);
  });

  it("charges once when two submits race for the key", async () => {
    const m = await embeddedMerchant("Embedded Charge Race");
    const { key } = await chargeKey(m, { amt_tran: "7" });
    const input = () => ({ card_number: uniqueVisa(), exp_date: futureExpiry(), cvv2: "123", billing_zip: "94402" });
    const from = { clientAddress: "198.51.100.77", requestId: "race" };
    const results = await Promise.all([payWithEmbeddedForm(key, input(), from), payWithEmbeddedForm(key, input(), from)]);
    expect(results.filter((r) => r.kind === "done" && "token" in r.value)).toHaveLength(1);
    expect(results.filter((r) => r.kind === "done" && "unusable" in r.value)).toHaveLength(1);
    expect(await getDb().transaction.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(1);
    expect(await getDb().pendingCard.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(1);
  });

  it("makes no token without a charge from a key made with an amount, whichever submit is called", async () => {
    const m = await embeddedMerchant("Embedded Charge Only");
    const { key } = await chargeKey(m, { amt_tran: "3" });
    const { createCardToken } = await import("@/lib/embedded/create-card-token");
    const input = { card_number: uniqueVisa(), exp_date: futureExpiry(), cvv2: "123", billing_zip: "94402" };
    expect(await createCardToken(key, input, { clientAddress: "198.51.100.78", requestId: "x" })).toEqual({ kind: "done", value: { unusable: true } });
    expect(await getDb().pendingCard.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(0);
    // And the charge's submit refuses a key made without one.
    const plain = (await m.api.get("/embedded")).body.data.transient_key as string;
    expect(await payWithEmbeddedForm(plain, input, { clientAddress: "198.51.100.78", requestId: "y" })).toEqual({ kind: "done", value: { unusable: true } });
    expect(await getDb().transaction.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(0);
  });
});

describe("the embedded form with a charge on an upstream gateway that does not answer", () => {
  let fake: FakeUpstream;
  beforeAll(async () => {
    fake = await startFakeUpstream();
  });
  afterAll(async () => {
    await fake.close();
  });

  it("leaves the transaction unknown and the key used, says so, and takes no second payment", async () => {
    const m = await embeddedMerchant("Embedded Charge Stall");
    await setMerchantGateway(
      { merchantId: BigInt(m.merchantId), actor: "test" },
      { connector: "upstream", upstreamUrl: fake.url, upstreamMerchantId: "212000000556", securityKey: fake.securityKey },
    );
    const { path } = await chargeKey(m, { amt_tran: "40" });
    fake.mode = "stall";
    try {
      const { page, post, token } = await pay(path, card());
      expect(token).toBeNull();
      expect(post.html).toContain("do not pay again");
      expect(await transactionsOf(m)).toMatchObject([{ status: "F", rcode: "998", cardId: null }]);
      expect(await getDb().pendingCard.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(0);
      expect((await openPage(path)).html).toContain("do not pay again");

      const sent = fake.received.length;
      const retry = await submitForm(path, page.html, card());
      expect(retry.html).toContain("do not pay again");
      expect(fake.received.length).toBe(sent);
      expect(await getDb().transaction.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(1);
    } finally {
      fake.mode = "approve";
    }
  });
});
