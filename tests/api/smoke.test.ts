import { describe, expect, it } from "vitest";
import { newMerchant, uniqueCustomerId, uniqueVisa, futureExpiry } from "../support/fixtures";

describe("smoke", () => {
  it("adds and fetches a customer with a card", async () => {
    const m = await newMerchant();
    const id = uniqueCustomerId();
    const number = uniqueVisa();
    const add = await m.api.post("/vault/customer", {
      customer_id: id,
      customer_first_name: "Ada",
      billing_cards: [{ card_number: number, exp_date: futureExpiry(), billing_zip: "94402", cvv2: "123" }],
    });
    expect(add.status, JSON.stringify(add.body)).toBe(200);
    expect(add.body.data.billing_cards[0].card_number).toBe(`${number.slice(0, 6)}xxxxxx${number.slice(-4)}`);
    const get = await m.api.get(`/vault/customer/${id}`);
    expect(get.status).toBe(200);
    expect(get.body.data.customer_id).toBe(id);
  });
});
