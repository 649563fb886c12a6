// A subscription's custom fields (labels) and transactions over HTTP against
// the real server and database: add, edit, delete and browse labels (the
// reference's SubscriptionLabel, source SUBSCRIPTION), a name added twice
// (409), edits and deletes of an unknown name (404), the field rules (400,
// nothing changed); and the transactions a subscription made, in the
// reference's Transaction shape with its subscription_id.
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { listEnvelope, MessageEnvelopeSchema, successEnvelope } from "@/lib/openapi/envelope-schemas";
import { SubscriptionLabelSchema, SubscriptionTransactionSchema } from "@/lib/openapi/response-schemas";
import type { ApiResponse } from "../support/api-client";
import { newMerchant, type TestMerchant } from "../support/fixtures";
import { expectStatus } from "../support/security-suite";
import { addCustomer, addSubscription, auditOf, day, expect400, expectStatusCode, merchantState, offPlanBody } from "../support/subscription-api";

const LabelsAnswer = successEnvelope(z.array(SubscriptionLabelSchema.strict())).strict();
const LabelList = listEnvelope(SubscriptionLabelSchema.strict()).strict();
type Label = z.output<typeof SubscriptionLabelSchema>;

function labelsOf(res: ApiResponse): Label[] {
  expectStatus(res, 200, "labels");
  return LabelsAnswer.parse(res.body).data as Label[];
}

function labelListOf(res: ApiResponse): Label[] {
  expectStatus(res, 200, "label list");
  return LabelList.parse(res.body).data as Label[];
}

describe("subscription labels", () => {
  let m: TestMerchant;
  let id: number;
  const path = (action: string) => `/subscription/${id}/labels/${action}`;
  beforeAll(async () => {
    m = await newMerchant("Subscription labels");
    const customer = await addCustomer(m);
    id = (await addSubscription(m, await offPlanBody(m, customer.customer_id))).subscription_id;
  });

  it("adds, edits, browses and deletes labels, each change with its audit row", async () => {
    const add = await m.api.post(path("add"), { name: "Instrument", value: "Violin", source: "IGNORED", source_id: 1 });
    expect(labelsOf(add)).toEqual([{ source: "SUBSCRIPTION", source_id: id, name: "Instrument", value: "Violin" }]);
    expect(await auditOf(add)).toEqual([["subscription.label.add", String(id)]]);
    labelsOf(await m.api.post(path("add"), { name: "Colour", value: "" }));

    const edit = await m.api.post(path("edit"), { name: "Instrument", value: "Cello" });
    expect(labelsOf(edit)).toEqual([{ source: "SUBSCRIPTION", source_id: id, name: "Instrument", value: "Cello" }]);
    expect(await auditOf(edit)).toEqual([["subscription.label.edit", String(id)]]);

    const browse = await m.api.get(path("browse"));
    expect(labelListOf(browse).map((l) => [l.name, l.value])).toEqual([
      ["Colour", ""],
      ["Instrument", "Cello"],
    ]);
    expect(browse.body).toMatchObject({ totalRecords: 2, order_on: "name", order_by: "asc" });
    expect(labelListOf(await m.api.get(`${path("browse")}?order_by=desc&count=1`)).map((l) => l.name)).toEqual(["Instrument"]);
    expect(labelListOf(await m.api.get(`${path("browse")}?filter=value,LIKE,cel`)).map((l) => l.name)).toEqual(["Instrument"]);

    const del = await m.api.post(path("delete"), { name: "Colour", value: "whatever" });
    expectStatus(del, 200, "delete");
    expect(MessageEnvelopeSchema.strict().parse(del.body).code).toBe(0);
    expect(await auditOf(del)).toEqual([["subscription.label.delete", String(id)]]);
    expect(labelListOf(await m.api.get(path("browse"))).map((l) => l.name)).toEqual(["Instrument"]);
  });

  it("refuses a name the subscription already has (409), and an edit or delete of a name it does not have (404), changing nothing", async () => {
    labelsOf(await m.api.post(path("add"), { name: "Twice", value: "1" }));
    const state = await merchantState(m);
    expectStatusCode(await m.api.post(path("add"), { name: "Twice", value: "2" }), 409, 8);
    expectStatusCode(await m.api.post(path("edit"), { name: "Never", value: "2" }), 404, 7);
    expectStatusCode(await m.api.post(path("delete"), { name: "Never" }), 404, 7);
    expectStatusCode(await m.api.post(path("edit"), { name: "twice", value: "2" }), 404, 7);
    expect(await merchantState(m)).toEqual(state);
  });

  it.each([
    ["no name", { value: "x" }, "name"],
    ["an empty name", { name: "", value: "x" }, "name"],
    ["a name of 65 characters", { name: "n".repeat(65), value: "x" }, "name"],
    ["no value", { name: "x" }, "value"],
    ["a value of 129 characters", { name: "x", value: "v".repeat(129) }, "value"],
    ["a card number in the value", { name: "x", value: "4111 1111 1111 1111" }, "value"],
    ["a value that is a number", { name: "x", value: 5 }, "value"],
  ])("refuses %s with a 400, and changes nothing", async (_, body, field) => {
    const state = await merchantState(m);
    expect400(await m.api.post(path("add"), body), field);
    expect400(await m.api.post(path("edit"), body), field);
    expect(await merchantState(m)).toEqual(state);
  });

  it("takes a name of 64 characters and a value of 128", async () => {
    const name = "n".repeat(64);
    expect(labelsOf(await m.api.post(path("add"), { name, value: "v".repeat(128) }))[0]!.name).toBe(name);
  });

  it("answers 404 for an unknown subscription", async () => {
    expectStatusCode(await m.api.get("/subscription/2147483647/labels/browse"), 404, 7);
    expectStatusCode(await m.api.post("/subscription/2147483647/labels/add", { name: "a", value: "b" }), 404, 7);
  });
});

describe("subscription transactions", () => {
  it("lists none for a subscription that has charged nothing yet; an unknown subscription is a 404", async () => {
    const m = await newMerchant("Subscription transactions empty");
    const customer = await addCustomer(m);
    const s = await addSubscription(m, await offPlanBody(m, customer.customer_id));
    const res = await m.api.get(`/subscription/transactions/${s.subscription_id}`);
    expectStatus(res, 200, "transactions");
    expect(res.body).toMatchObject({ data: [], totalRecords: 0, order_on: "tran_time", order_by: "desc" });
    expectStatus(await m.api.get("/subscription/transactions"), 200, "all transactions");
    expectStatusCode(await m.api.get("/subscription/transactions/2147483647"), 404, 7);
    expect400(await m.api.get(`/subscription/transactions/${s.subscription_id}?order_on=nothing`), "order_on");
  });
});

describe("subscription transactions with a setup fee", () => {
  const TransactionList = listEnvelope(SubscriptionTransactionSchema.strict()).strict();
  const transactionsOf = (res: ApiResponse) => {
    expectStatus(res, 200, "transactions");
    return TransactionList.parse(res.body).data as z.output<typeof SubscriptionTransactionSchema>[];
  };

  it("lists the fee's transaction, in the Transaction shape with its subscription_id, for the subscription and among all of the merchant's", async () => {
    const m = await newMerchant("Subscription transactions");
    const customer = await addCustomer(m);
    const s = await addSubscription(m, await offPlanBody(m, customer.customer_id, { date_start: await day(m, 2), amt_setup: 7 }));
    const other = await addSubscription(m, await offPlanBody(m, customer.customer_id, { date_start: await day(m, 2), amt_setup: 3.51 }));
    expectStatus(await m.pg.post("/sale", { merchant_id: 0, customer_id: customer.customer_id, amt_tran: 1 }), 200, "a sale of no subscription");

    const own = await m.api.get(`/subscription/transactions/${s.subscription_id}`);
    const [transaction] = transactionsOf(own);
    expect(own.body.totalRecords).toBe(1);
    expect(transaction).toMatchObject({
      subscription_id: String(s.subscription_id),
      pg_id: s.response!.pg_id,
      amt_tran: 7,
      tran_type: "sale",
      tran_status: "C",
      rcode: "000",
      customer_id: customer.customer_id,
    });

    const all = await m.api.get("/subscription/transactions?order_on=amt_tran&order_by=asc");
    expect(transactionsOf(all).map((t) => [t.subscription_id, t.amt_tran, t.tran_status])).toEqual([
      [String(other.subscription_id), 3.51, "D"],
      [String(s.subscription_id), 7, "C"],
    ]);
    const declined = await m.api.get("/subscription/transactions?filter=tran_status,EQUALS,D");
    expect(transactionsOf(declined).map((t) => t.subscription_id)).toEqual([String(other.subscription_id)]);

    const stranger = await newMerchant("Subscription transactions stranger");
    expect((await stranger.api.get("/subscription/transactions")).body.totalRecords).toBe(0);
  });
});
