// The upstream connector (lib/gateway/upstream-connector.ts) against a fake
// upstream PG gateway on loopback: it must receive the full card number and
// the right amount, in the body only; our answer must carry our own pg_id;
// follow-ups go to the upstream's pg_id; and a gateway that stalls or fails
// leaves a transaction of unknown outcome that no retry charges again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { setMerchantGateway } from "@/lib/gateway/set-merchant-gateway";
import { futureExpiry, newMerchant, uniqueCustomerId, uniqueVisa, type TestMerchant } from "../support/fixtures";
import { startFakeUpstream, type FakeUpstream } from "../support/fake-upstream-gateway";
import { databaseSnapshot, expectStatus, serverLogContaining } from "../support/security-suite";

const UPSTREAM_MERCHANT_ID = "212000000777";

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await startFakeUpstream();
});
afterAll(async () => {
  await fake.close();
});

async function upstreamMerchant(name: string): Promise<TestMerchant> {
  const m = await newMerchant(name);
  await setMerchantGateway(
    { merchantId: BigInt(m.merchantId), actor: "test" },
    { connector: "upstream", upstreamUrl: fake.url, upstreamMerchantId: UPSTREAM_MERCHANT_ID, securityKey: fake.securityKey },
  );
  return m;
}

async function storedCard(m: TestMerchant, cardNumber: string): Promise<string> {
  const added = await m.api.post("/vault/customer", {
    customer_id: uniqueCustomerId("U"),
    customer_first_name: "Up",
    billing_cards: [{ card_number: cardNumber, exp_date: futureExpiry(), billing_zip: "94402" }],
  });
  expectStatus(added, 200, "customer");
  return added.body.data.billing_cards[0].card_id;
}

const row = (pgId: string) => getDb().transaction.findUniqueOrThrow({ where: { pgId } });

describe("the upstream connector", () => {
  it("sends the full number of a stored card and the amount to the upstream, and answers with our own pg_id", async () => {
    const m = await upstreamMerchant("Upstream Sale");
    const number = uniqueVisa();
    const cardId = await storedCard(m, number);
    const before = fake.received.length;
    const sale = await m.pg.post("/sale", { merchant_id: m.merchantId, card_id: cardId, amt_tran: 12.34, cvv2: "417", merch_ref_num: "up-1" });
    expect(sale.status, JSON.stringify(sale.body)).toBe(200);

    const sent = fake.received.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe("/pg/sale");
    expect(sent[0]!.body).toMatchObject({
      merchant_id: Number(UPSTREAM_MERCHANT_ID),
      card_number: number,
      amt_tran: 12.34,
      tran_currency: 840,
      cvv2: "417",
      merch_ref_num: "up-1",
    });
    const upstreamPgId = fake.issued.at(-1)!;
    expect(sale.body.pg_id).toMatch(/^[0-9a-f]{32}$/);
    expect(sale.body.pg_id).not.toBe(upstreamPgId);
    expect(sale.body).toMatchObject({ rcode: "000", auth_code: "U12345", card_id: cardId });

    const kept = await row(sale.body.pg_id);
    expect(kept).toMatchObject({ connector: "upstream", upstreamPgId, status: "C", amountMinor: 1234n });
    const shown = await m.api.get(`/transaction/${sale.body.pg_id}`);
    expect(shown.body.data).toMatchObject({ connector: "upstream", tran_status: "C" });
    expect(JSON.stringify(shown.body)).not.toContain(upstreamPgId);
  });

  it("carries the card number and CVV in the body only: never in the request line or a header, and never in our log", async () => {
    const m = await upstreamMerchant("Upstream Leak");
    const number = uniqueVisa();
    const before = fake.received.length;
    const sale = await m.pg.post("/sale", { merchant_id: m.merchantId, card_number: number, exp_date: futureExpiry(), cvv2: "538", amt_tran: 2 });
    expect(sale.status, JSON.stringify(sale.body)).toBe(200);
    const [sent] = fake.received.slice(before);
    expect(sent!.body.card_number).toBe(number);
    const inTheOpen = JSON.stringify({ url: sent!.url, headers: sent!.headers });
    expect(inTheOpen).not.toContain(number);
    expect(inTheOpen).not.toContain("538");
    const log = await serverLogContaining([sale.headers.get("x-request-id")!]);
    expect(log).not.toContain(number);
    expect(log).not.toContain(number.slice(6));
  });

  it("passes a decline through as 402 with the upstream's code, recorded as declined", async () => {
    const m = await upstreamMerchant("Upstream Decline");
    const cardId = await storedCard(m, uniqueVisa());
    const sale = await m.pg.post("/sale", { merchant_id: m.merchantId, card_id: cardId, amt_tran: 9.05 });
    expect(sale.status, JSON.stringify(sale.body)).toBe(402);
    expect(sale.body).toMatchObject({ rcode: "005", rmsg: "Upstream decline" });
    expect((await row(sale.body.pg_id)).status).toBe("D");
  });

  it("sends captures, refunds and voids to the upstream's pg_id for the transaction", async () => {
    const m = await upstreamMerchant("Upstream Follow-ups");
    const cardId = await storedCard(m, uniqueVisa());
    const auth = await m.pg.post("/auth", { merchant_id: m.merchantId, card_id: cardId, amt_tran: 40 });
    expect(auth.status).toBe(200);
    const upstreamAuth = (await row(auth.body.pg_id)).upstreamPgId;
    const before = fake.received.length;
    expect((await m.pg.post(`/capture/${auth.body.pg_id}`, { merchant_id: m.merchantId, amt_tran: 30 })).status).toBe(200);
    expect((await m.pg.post(`/refund/${auth.body.pg_id}`, { merchant_id: m.merchantId, amt_tran: 10.5 })).status).toBe(200);
    const sale = await m.pg.post("/sale", { merchant_id: m.merchantId, card_id: cardId, amt_tran: 3 });
    const upstreamSale = (await row(sale.body.pg_id)).upstreamPgId;
    expect((await m.pg.post(`/void/${sale.body.pg_id}`, { merchant_id: m.merchantId })).status).toBe(200);
    const sent = fake.received.slice(before).map((r) => [r.url, r.body.amt_tran]);
    expect(sent).toEqual([
      [`/pg/capture/${upstreamAuth}`, 30],
      [`/pg/refund/${upstreamAuth}`, 10.5],
      ["/pg/sale", 3],
      [`/pg/void/${upstreamSale}`, undefined],
    ]);
  });

  it("records a stalled upstream as an unknown outcome (509), and a retry with the same key is refused, not charged again", async () => {
    const m = await upstreamMerchant("Upstream Timeout");
    const cardId = await storedCard(m, uniqueVisa());
    fake.mode = "stall";
    try {
      const body = { merchant_id: m.merchantId, card_id: cardId, amt_tran: 20 };
      const key = `timeout-${cardId}`;
      const sale = await m.pg.post("/sale", body, { "idempotency-key": key });
      expect(sale.status, JSON.stringify(sale.body)).toBe(509);
      expect(sale.body).toMatchObject({ rcode: "998" });
      expect(await row(sale.body.pg_id)).toMatchObject({ status: "F", rcode: "998", upstreamPgId: null });
      const sentBefore = fake.received.length;
      const retry = await m.pg.post("/sale", body, { "idempotency-key": key });
      expect(retry.status).toBe(409);
      expect(retry.body.rcode).toBe("110");
      expect(fake.received.length).toBe(sentBefore);
      expect(await getDb().transaction.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(1);
      // Nothing can be done to it until it is reconciled.
      const refund = await m.pg.post(`/refund/${sale.body.pg_id}`, { merchant_id: m.merchantId, amt_tran: 1 });
      expect(refund.status).toBe(409);
    } finally {
      fake.mode = "approve";
    }
  });

  it("treats an upstream's server error as an unknown outcome too", async () => {
    const m = await upstreamMerchant("Upstream Error");
    const cardId = await storedCard(m, uniqueVisa());
    fake.mode = "fail";
    try {
      const sale = await m.pg.post("/sale", { merchant_id: m.merchantId, card_id: cardId, amt_tran: 5 });
      expect(sale.status).toBe(509);
      expect((await row(sale.body.pg_id)).status).toBe("F");
    } finally {
      fake.mode = "approve";
    }
  });
});

describe("gateway settings", () => {
  it("seal the security key: the database never holds it in the clear", async () => {
    const m = await upstreamMerchant("Upstream Sealed Key");
    const kept = await getDb().merchantGateway.findUniqueOrThrow({ where: { merchantId: BigInt(m.merchantId) } });
    expect(kept.securityKeySealed).not.toBeNull();
    expect(kept.kekVersion).not.toBeNull();
    const { text } = await databaseSnapshot();
    expect(text).not.toContain(fake.securityKey);
  });

  it.each([
    ["an http URL that is not loopback", { upstreamUrl: "http://gateway.example.com/pg" }, "upstreamUrl"],
    ["a private address", { upstreamUrl: "https://10.1.2.3/pg" }, "upstreamUrl"],
    ["a merchant id that is not a number", { upstreamMerchantId: "abc" }, "upstreamMerchantId"],
    ["a short security key", { securityKey: "short" }, "securityKey"],
  ])("refuse %s, and change nothing", async (_what, change, field) => {
    const m = await newMerchant("Upstream Refused");
    const actor = { merchantId: BigInt(m.merchantId), actor: "test" };
    const input = { connector: "upstream" as const, upstreamUrl: fake.url, upstreamMerchantId: UPSTREAM_MERCHANT_ID, securityKey: fake.securityKey, ...change };
    await expect(setMerchantGateway(actor, input)).rejects.toMatchObject({ kind: "validation", fields: { [field]: expect.any(String) } });
    expect(await getDb().merchantGateway.findUnique({ where: { merchantId: actor.merchantId } })).toBeNull();
  });
});
