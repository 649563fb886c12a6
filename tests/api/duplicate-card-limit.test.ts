// The duplicate-card answer as an oracle: a card add whose number the
// customer already has is a 409, which merchants rely on, and which once
// told anyone holding a key, without limit, whether a guessed number was
// stored. The 409 stays; past 20 of them in 10 minutes, every card add
// with that key is a 429 in the envelope until the window ends, and the
// moment it trips is written to the audit log once. Other keys, of the same
// merchant or another, are not affected.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createApiKey } from "@/lib/merchants/api-keys";
import { DUPLICATE_CARD_LIMIT } from "@/lib/vault/duplicate-card-limit";
import { apiClient, type ApiClient } from "../support/api-client";
import { futureExpiry, json, newMerchant, uniqueVisa } from "../support/fixtures";
import { customerBody, expectStatus } from "../support/security-suite";

const card = (number: string) => ({ card_number: number, exp_date: futureExpiry(), billing_zip: "94402" });

/** A customer with one stored card: its id and the number. */
async function customerWithCard(api: ApiClient) {
  const number = uniqueVisa();
  const body = customerBody({ billing_cards: [card(number)] });
  expectStatus(await api.post("/vault/customer", body), 200, "add customer");
  return { customerId: body.customer_id, number };
}

const auditTrips = (merchantId: number) => getDb().auditLog.findMany({ where: { merchantId: BigInt(merchantId), action: "card.duplicate_limit" } });

describe("the duplicate-card limit on card adds", () => {
  it(`keeps the 409 for ${DUPLICATE_CARD_LIMIT.limit} duplicates, then answers 429 to every card add with that key, with one audit row`, async () => {
    const m = await newMerchant("Duplicate oracle");
    const { customerId, number } = await customerWithCard(m.api);
    const billing = `/vault/customer/${customerId}/billing`;
    for (let i = 0; i < DUPLICATE_CARD_LIMIT.limit; i++) {
      const duplicate = await m.api.post(billing, card(number));
      expect(duplicate.status, json(duplicate.body)).toBe(409);
      expect(duplicate.body.code).toBe(8);
    }
    const trips = await auditTrips(m.merchantId);
    expect(trips.map((r) => ({ actor: r.actor, targetType: r.targetType, targetId: r.targetId }))).toEqual([
      { actor: `api_key:${m.apiKeyId}`, targetType: "api_key", targetId: String(m.apiKeyId) },
    ]);

    // Over the limit: the stored number and a new one get the same 429, and nothing is stored.
    const fresh = uniqueVisa();
    for (const number_ of [number, fresh]) {
      const refused = await m.api.post(billing, card(number_));
      expect(refused.status, json(refused.body)).toBe(429);
      expect(refused.body).toEqual({ code: 13, message: expect.stringMatching(/^Too many card adds named a card the customer already has/) });
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(DUPLICATE_CARD_LIMIT.windowSeconds - 120);
      expect(retryAfter).toBeLessThanOrEqual(DUPLICATE_CARD_LIMIT.windowSeconds);
    }
    // A customer update that adds a card is a card add too.
    const update = await m.api.put(`/vault/customer/${customerId}`, { billing_cards: [card(uniqueVisa())] });
    expect(update.status, json(update.body)).toBe(429);
    // Other operations with the key go on.
    expectStatus(await m.api.get(billing), 200, "list cards");
    expectStatus(await m.api.post("/vault/customer", customerBody()), 200, "add a customer");
    expect((await m.api.get(billing)).body.data.billing_cards).toHaveLength(1);
    // Tripped once, however many adds were refused after.
    expect(await auditTrips(m.merchantId)).toHaveLength(1);

    // Another key of the same merchant, and another merchant, add cards and get their own 409s.
    const second = apiClient((await createApiKey({ merchantId: BigInt(m.merchantId), actor: "test" })).key);
    expectStatus(await second.post(billing, card(fresh)), 200, "another key adds a card");
    expect((await second.post(billing, card(number))).status).toBe(409);
    const other = await newMerchant("Duplicate oracle, other merchant");
    const theirs = await customerWithCard(other.api);
    expect((await other.api.post(`/vault/customer/${theirs.customerId}/billing`, card(theirs.number))).status).toBe(409);
    expectStatus(await other.api.post(`/vault/customer/${theirs.customerId}/billing`, card(uniqueVisa())), 200, "other merchant adds a card");

    // When the window is over, the key adds cards again.
    const key = `${DUPLICATE_CARD_LIMIT.name}:api_key:${m.apiKeyId}`;
    await getDb().$transaction((tx) => tx.rateLimit.update({ where: { key }, data: { expire: new Date(Date.now() - 1000) } }));
    expectStatus(await m.api.post(billing, card(uniqueVisa())), 200, "after the window");
  });

  it("counts duplicates from customer updates, and does not remember a 429 under an Idempotency-Key", async () => {
    const m = await newMerchant("Duplicate oracle, updates");
    const { customerId, number } = await customerWithCard(m.api);
    const stored = (await m.api.get(`/vault/customer/${customerId}/billing`)).body.data.billing_cards[0].card_id as string;
    for (let i = 0; i < DUPLICATE_CARD_LIMIT.limit; i++) {
      const duplicate = await m.api.put(`/vault/customer/${customerId}`, { billing_cards: [{ card_id: stored }, card(number)] });
      expect(duplicate.status, json(duplicate.body)).toBe(409);
    }
    const headers = { "idempotency-key": `dup-${Date.now().toString(36)}` };
    const fresh = card(uniqueVisa());
    expect((await m.api.post(`/vault/customer/${customerId}/billing`, fresh, headers)).status).toBe(429);
    await getDb().$transaction((tx) =>
      tx.rateLimit.update({ where: { key: `${DUPLICATE_CARD_LIMIT.name}:api_key:${m.apiKeyId}` }, data: { expire: new Date(Date.now() - 1000) } }),
    );
    const retried = await m.api.post(`/vault/customer/${customerId}/billing`, fresh, headers);
    expect(retried.status, json(retried.body)).toBe(200);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
    expect(await auditTrips(m.merchantId)).toHaveLength(1);
  });
});
