// The gateway's card tokens: POST /pg/tokenize and /pg/expireToken, charges
// on a token's card_id, and tokenize: true on keyed charges (stored on the
// customer when customer_id names one, else as a token), on the real server.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { futureExpiry, masked, newMerchant, uniqueCustomerId, uniqueVisa, type TestMerchant } from "../support/fixtures";
import { databaseSnapshot, expectStatus } from "../support/security-suite";

async function tokenize(m: TestMerchant, body: Record<string, unknown>) {
  return m.pg.post("/tokenize", { merchant_id: m.merchantId, ...body });
}

describe("POST /pg/tokenize", () => {
  it("stores a keyed card as a token, sealed; the same card again answers the same card_id with the new expiry", async () => {
    const m = await newMerchant("Token Store");
    const number = uniqueVisa();
    const first = await tokenize(m, { card_number: number, exp_date: futureExpiry(2), cardholder_name: "Tok En", echo_fields: "x" });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ rcode: "000", card_number: masked(number), echo_fields: "x" });
    expect(first.body.card_id).toMatch(/^[0-9a-f]{32}$/);
    expect(first.body.pg_id).toMatch(/^[0-9a-f]{32}$/);

    const again = await tokenize(m, { card_number: number, exp_date: futureExpiry(4) });
    expect(again.body.card_id).toBe(first.body.card_id);
    const row = await getDb().cardToken.findUniqueOrThrow({ where: { id: first.body.card_id } });
    expect(row.expDate).toBe(futureExpiry(4));
    expect(await getDb().cardToken.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(1);
    expect((await databaseSnapshot()).text).not.toContain(number);
  });

  it("changes a token's expiry by its card_id, and refuses a customer's card there", async () => {
    const m = await newMerchant("Token Update");
    const token = await tokenize(m, { card_number: uniqueVisa(), exp_date: futureExpiry(2) });
    const updated = await tokenize(m, { card_id: token.body.card_id, exp_date: futureExpiry(5), avs_zip: "94402" });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.card_id).toBe(token.body.card_id);
    expect((await getDb().cardToken.findUniqueOrThrow({ where: { id: token.body.card_id } })).expDate).toBe(futureExpiry(5));

    const customer = await m.api.post("/vault/customer", {
      customer_id: uniqueCustomerId("T"),
      customer_first_name: "Vault",
      billing_cards: [{ card_number: uniqueVisa(), exp_date: futureExpiry(), billing_zip: "1" }],
    });
    const vaultCard = customer.body.data.billing_cards[0].card_id;
    const refused = await tokenize(m, { card_id: vaultCard, exp_date: futureExpiry(5) });
    expect(refused.status).toBe(400);
    expect(refused.body.rmsg).toContain("card_id");
  });

  it.each([
    ["no exp_date", { card_number: "4111111111111111" }, "exp_date"],
    ["an expired card", { card_number: "4111111111111111", exp_date: "0120" }, "exp_date"],
    ["a bad number", { card_number: "4111111111111112", exp_date: "1230" }, "card_number"],
  ])("refuses %s with a 400 naming the field, storing nothing", async (_what, body, field) => {
    const m = await newMerchant("Token Bad");
    const refused = await tokenize(m, body);
    expect(refused.status, JSON.stringify(refused.body)).toBe(400);
    expect(refused.body.rmsg).toContain(field);
    expect(await getDb().cardToken.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(0);
  });
});

describe("charges on a token, and /pg/expireToken", () => {
  it("charges a token's card_id; once expired, its card_id is refused, and another merchant cannot expire it", async () => {
    const m = await newMerchant("Token Charge");
    const other = await newMerchant("Token Other");
    const token = await tokenize(m, { card_number: uniqueVisa(), exp_date: futureExpiry() });
    const cardId = token.body.card_id as string;
    const sale = await m.pg.post("/sale", { merchant_id: m.merchantId, card_id: cardId, amt_tran: 8 });
    expect(sale.status, JSON.stringify(sale.body)).toBe(200);
    expect(sale.body.card_id).toBe(cardId);
    expect(await getDb().transaction.findUniqueOrThrow({ where: { pgId: sale.body.pg_id } })).toMatchObject({ cardId, customerId: null });

    expect((await other.pg.post("/expireToken", { merchant_id: other.merchantId, card_id: cardId })).status).toBe(400);
    expect((await other.pg.post("/sale", { merchant_id: other.merchantId, card_id: cardId, amt_tran: 1 })).status).toBe(400);

    const expired = await m.pg.post("/expireToken", { merchant_id: m.merchantId, card_id: cardId });
    expect(expired.status, JSON.stringify(expired.body)).toBe(200);
    expect(expired.body).toMatchObject({ rcode: "000", rmsg: "Token removed" });
    const after = await m.pg.post("/sale", { merchant_id: m.merchantId, card_id: cardId, amt_tran: 8 });
    expect(after.status).toBe(400);
    expect(after.body.rmsg).toContain("card_id");
    expect((await m.pg.post("/expireToken", { merchant_id: m.merchantId, card_id: cardId })).status).toBe(400);
  });
});

describe("tokenize: true on a keyed charge", () => {
  it("stores the card on the customer named by customer_id, once; its card_id comes back and the transaction names it", async () => {
    const m = await newMerchant("Tokenize Customer");
    const customerId = uniqueCustomerId("K");
    expectStatus(await m.api.post("/vault/customer", { customer_id: customerId, customer_first_name: "Keyed" }), 200, "customer");
    const number = uniqueVisa();
    const body = {
      merchant_id: m.merchantId,
      card_number: number,
      exp_date: futureExpiry(),
      avs_zip: "94402",
      customer_id: customerId,
      tokenize: true,
      amt_tran: 6,
    };
    const sale = await m.pg.post("/sale", body);
    expect(sale.status, JSON.stringify(sale.body)).toBe(200);
    const cards = (await m.api.get(`/vault/customer/${customerId}/billing`)).body.data.billing_cards;
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ card_id: sale.body.card_id, card_number: masked(number), primary: true });
    expect(await getDb().transaction.findUniqueOrThrow({ where: { pgId: sale.body.pg_id } })).toMatchObject({ cardId: sale.body.card_id, customerId });

    const again = await m.pg.post("/sale", body);
    expect(again.body.card_id).toBe(sale.body.card_id);
    expect((await m.api.get(`/vault/customer/${customerId}/billing`)).body.data.billing_cards).toHaveLength(1);
  });

  it("stores it as a token without a customer, and stores nothing when the charge is declined", async () => {
    const m = await newMerchant("Tokenize Token");
    const sale = await m.pg.post("/auth", { merchant_id: m.merchantId, card_number: uniqueVisa(), exp_date: futureExpiry(), tokenize: true, amt_tran: 4 });
    expect(sale.status, JSON.stringify(sale.body)).toBe(200);
    expect(await getDb().cardToken.findUnique({ where: { id: sale.body.card_id } })).not.toBeNull();

    const declined = await m.pg.post("/sale", {
      merchant_id: m.merchantId,
      card_number: uniqueVisa(),
      exp_date: futureExpiry(),
      tokenize: true,
      amt_tran: 4.05,
    });
    expect(declined.status).toBe(402);
    expect(declined.body).not.toHaveProperty("card_id");
    expect(await getDb().cardToken.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(1);
  });

  it("needs avs_zip to store the card on a customer, and charges nothing without it", async () => {
    const m = await newMerchant("Tokenize Zip");
    const customerId = uniqueCustomerId("Z");
    expectStatus(await m.api.post("/vault/customer", { customer_id: customerId, customer_first_name: "Zip" }), 200, "customer");
    const refused = await m.pg.post("/sale", {
      merchant_id: m.merchantId,
      card_number: uniqueVisa(),
      exp_date: futureExpiry(),
      customer_id: customerId,
      tokenize: true,
      amt_tran: 2,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.rmsg).toContain("avs_zip");
    expect(await getDb().transaction.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(0);
  });
});
