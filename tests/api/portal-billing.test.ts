// The portal's billing routes over HTTP, as its Plans and Subscriptions
// pages call them (POST /portal/api/plans, PUT /portal/api/plans/{code},
// POST /portal/api/plans/{code}/archive; POST
// /portal/api/subscriptions/{id}/pause|resume|cancel, PUT .../card): the
// same operations as the API, audited under the user; the form's fields
// refused one by one with nothing changed; a plan with a subscription saved
// as a new version; only the roles with billing.write may use them, and
// another merchant's plan or subscription is unknown.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createUser } from "@/lib/users/create-user";
import { newMerchant, type TestMerchant } from "../support/fixtures";
import { portalPost, signedInSession, type PortalSession } from "../support/portal-client";
import { addCustomer, addPlan as apiAddPlan, addSubscription, day, subscriptionRow } from "../support/subscription-api";

const PASSWORD = "a long enough passphrase";

async function sessionOf(merchantId: number, role: string): Promise<{ userId: number; session: PortalSession }> {
  const email = `${role}.${randomBytes(5).toString("hex")}@shop.example`;
  const user = await createUser({ merchantId: BigInt(merchantId), email, role, password: PASSWORD, actor: "test" });
  return { userId: user.userId, session: await signedInSession({ ...user, password: PASSWORD }) };
}

/** The plan form as the page sends it: text and checkboxes. */
function form(change: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    plan_code: "GOLD",
    plan_name: "Gold",
    plan_desc: "Gold, monthly",
    plan_frequency: "3",
    interval: "1",
    until_cancelled: true,
    plan_duration: "",
    amt_tran: "19.99",
    tran_currency: "840",
    trial_duration: "0",
    amt_trial: "",
    amt_setup: "",
    bill_specific_day: false,
    day_of_week: "",
    day_of_month: "",
    month: "",
    prorate_first_pmt: false,
    amt_prorate: "",
    dba_suffix: "",
    ...change,
  };
}
const editForm = (change: Record<string, unknown> = {}) => {
  const { plan_code: _code, ...rest } = form(change);
  return rest;
};

const addPlan = (s: PortalSession, body: unknown) => portalPost("/portal/api/plans", { ...s, body });
const editPlan = (s: PortalSession, code: string, body: unknown) => portalPost(`/portal/api/plans/${code}`, { ...s, method: "PUT", body });
const archivePlan = (s: PortalSession, code: string) => portalPost(`/portal/api/plans/${code}/archive`, s);

const plansOf = (merchantId: number) =>
  getDb().plan.findMany({
    where: { merchantId: BigInt(merchantId) },
    orderBy: { id: "asc" },
    select: { id: true, code: true, status: true, name: true, amountMinor: true, dayOfMonth: true },
  });
const auditOf = (merchantId: number) =>
  getDb().auditLog.findMany({
    where: { merchantId: BigInt(merchantId), action: { startsWith: "plan." } },
    orderBy: { id: "asc" },
    select: { actor: true, action: true, targetId: true },
  });

describe("the portal's plan routes", () => {
  it("an owner creates a plan, an admin edits it, and the owner archives it: the API's operations, audited under each user", async () => {
    const m = await newMerchant("Portal Plans");
    const owner = await sessionOf(m.merchantId, "owner");
    const admin = await sessionOf(m.merchantId, "admin");

    const created = await addPlan(owner.session, form({ plan_duration: "12", until_cancelled: false, amt_setup: "5", dba_suffix: "END PROMO" }));
    expect(created.status, created.body?.message).toBe(200);
    expect(created.body.data).toMatchObject({
      plan_code: "GOLD",
      plan_frequency: 3,
      plan_duration: 12,
      amt_tran: 19.99,
      amt_setup: 5,
      status: "E",
      dba_suffix: "END PROMO",
    });
    const planId = created.body.data.plan_id as number;
    // The same plan over the API, as the merchant's integration reads it.
    expect((await m.api.get("/plan/GOLD")).body.data).toEqual([created.body.data]);

    const edited = await editPlan(
      admin.session,
      "GOLD",
      editForm({ plan_name: "Gold plus", amt_tran: "24.50", bill_specific_day: true, day_of_month: "32", prorate_first_pmt: true }),
    );
    expect(edited.status, edited.body?.message).toBe(200);
    expect(edited.body.data).toMatchObject({ plan_id: planId, plan_name: "Gold plus", amt_tran: 24.5, day_of_month: 32, prorate_first_pmt: true });
    expect(edited.body.data).not.toHaveProperty("amt_prorate");

    const archived = await archivePlan(owner.session, "GOLD");
    expect(archived.status, archived.body?.message).toBe(200);
    expect(archived.body.data).toMatchObject({ plan_id: planId, status: "A" });
    expect((await archivePlan(owner.session, "GOLD")).status).toBe(409);

    expect(await auditOf(m.merchantId)).toEqual([
      { actor: `user:${owner.userId}`, action: "plan.create", targetId: String(planId) },
      { actor: `user:${admin.userId}`, action: "plan.update", targetId: String(planId) },
      { actor: `user:${owner.userId}`, action: "plan.archive", targetId: String(planId) },
    ]);
  });

  it("refuses a bad form field by field, in the form's names, and changes nothing", async () => {
    const m = await newMerchant("Portal Plan Refusals");
    const { session } = await sessionOf(m.merchantId, "admin");
    expect((await addPlan(session, form({ plan_code: "SILVER" }))).status).toBe(200);
    const before = await plansOf(m.merchantId);

    const cases: [string, () => ReturnType<typeof addPlan>, Record<string, string>][] = [
      [
        "a code with a space and an empty name",
        () => addPlan(session, form({ plan_code: "GO LD", plan_name: "" })),
        {
          plan_code: "must be 1 to 16 letters and digits",
          plan_name: "is required",
        },
      ],
      [
        "no duration",
        () => addPlan(session, form({ plan_code: "BRONZE", until_cancelled: false, plan_duration: "" })),
        {
          plan_duration: "is required: a number of cycles, or until cancelled",
        },
      ],
      [
        "a card number in the description",
        () => addPlan(session, form({ plan_code: "BRONZE", plan_desc: "4111 1111 1111 1111" })),
        {
          plan_desc: "must not contain a card number",
        },
      ],
      // The rules between fields are the server's, named as the form names them.
      [
        "a weekly plan on a specific day without one",
        () => addPlan(session, form({ plan_code: "BRONZE", plan_frequency: "0", bill_specific_day: true })),
        {
          day_of_week: "is required when a weekly or bi-weekly plan bills on a specific day",
        },
      ],
      [
        "more decimals than the currency has",
        () => addPlan(session, form({ plan_code: "BRONZE", amt_tran: "10", tran_currency: "392", amt_setup: "1.5" })),
        {
          amt_setup: "must be a whole amount in JPY",
        },
      ],
      [
        "a trial with a prorated first payment",
        () => editPlan(session, "SILVER", editForm({ trial_duration: "1", bill_specific_day: true, day_of_month: "1", prorate_first_pmt: true })),
        {
          prorate_first_pmt: "cannot be combined with a trial (trial_duration)",
        },
      ],
    ];
    for (const [what, send, fields] of cases) {
      const answer = await send();
      expect(answer.status, what).toBe(400);
      expect(answer.body.data, what).toEqual(fields);
    }
    // A code already active is a conflict, said in words.
    const taken = await addPlan(session, form({ plan_code: "SILVER" }));
    expect(taken.status).toBe(409);
    expect(taken.body.message).toContain("SILVER");
    expect(await plansOf(m.merchantId)).toEqual(before);
  });

  it.each(["staff", "viewer"])("refuses a %s (403) every plan change with the session's own token, and records nothing", async (role) => {
    const m = await newMerchant(`Portal Plans ${role}`);
    const owner = await sessionOf(m.merchantId, "owner");
    expect((await addPlan(owner.session, form())).status).toBe(200);
    const before = await plansOf(m.merchantId);
    const auditBefore = await auditOf(m.merchantId);

    const { session } = await sessionOf(m.merchantId, role);
    for (const answer of [
      await addPlan(session, form({ plan_code: "FORGED" })),
      await editPlan(session, "GOLD", editForm({ plan_name: "Forged" })),
      await archivePlan(session, "GOLD"),
    ]) {
      expect(answer.status).toBe(403);
      expect(answer.body.message).toBe("Your role does not allow this.");
    }
    expect(await plansOf(m.merchantId)).toEqual(before);
    expect(await auditOf(m.merchantId)).toEqual(auditBefore);
  });

  it("answers another merchant's plan as unknown (404), and refuses a change without the session's token (403)", async () => {
    const mine = await newMerchant("Portal Plans Mine");
    const theirs = await newMerchant("Portal Plans Theirs");
    const them = await sessionOf(theirs.merchantId, "owner");
    expect((await addPlan(them.session, form({ plan_code: "THEIRS" }))).status).toBe(200);

    const me = await sessionOf(mine.merchantId, "owner");
    expect((await editPlan(me.session, "THEIRS", editForm({ plan_name: "Taken over" }))).status).toBe(404);
    expect((await archivePlan(me.session, "THEIRS")).status).toBe(404);
    expect((await archivePlan({ ...them.session, csrf: "0".repeat(43) }, "THEIRS")).status).toBe(403);
    expect(await plansOf(theirs.merchantId)).toMatchObject([{ code: "THEIRS", status: "E", name: "Gold" }]);
  });
});

const changeSubscription = (s: PortalSession, id: number, action: string, customerId: string) =>
  portalPost(`/portal/api/subscriptions/${id}/${action}`, { ...s, body: { customer_id: customerId } });
const changeCard = (s: PortalSession, id: number, cardId: string) =>
  portalPost(`/portal/api/subscriptions/${id}/card`, { ...s, method: "PUT", body: { card_id: cardId } });

/** A customer with two cards, subscribed through the API to a new plan, charging its first card. */
async function subscribed(m: TestMerchant) {
  const customer = await addCustomer(m, 2);
  const plan = await apiAddPlan(m);
  const subscription = await addSubscription(m, {
    customer_id: customer.customer_id,
    plan_code: plan.plan_code,
    date_start: await day(m),
    card_id: customer.cards[0],
  });
  return { customer, plan, id: Number(subscription.subscription_id) };
}
const subscriptionAudit = (merchantId: number) =>
  getDb().auditLog.findMany({
    where: { merchantId: BigInt(merchantId), action: { startsWith: "subscription." } },
    orderBy: { id: "asc" },
    select: { actor: true, action: true, targetId: true },
  });

describe("the portal's subscription routes", () => {
  it("an admin pauses, resumes, changes the card and cancels: the API's operations, audited under the user", async () => {
    const m = await newMerchant("Portal Subscriptions");
    const admin = await sessionOf(m.merchantId, "admin");
    const { customer, id } = await subscribed(m);

    const paused = await changeSubscription(admin.session, id, "pause", customer.customer_id);
    expect(paused.status, paused.body?.message).toBe(200);
    expect(paused.body.data).toMatchObject({ subscription_id: id, status: "P" });
    expect((await changeSubscription(admin.session, id, "pause", customer.customer_id)).status).toBe(409);
    expect((await changeSubscription(admin.session, id, "resume", customer.customer_id)).body.data).toMatchObject({ status: "A" });

    const primary = await changeCard(admin.session, id, "");
    expect(primary.status, primary.body?.message).toBe(200);
    expect(primary.body.data).toMatchObject({ card_id: "" });
    expect((await subscriptionRow(id)).cardId).toBeNull();
    expect((await changeCard(admin.session, id, customer.cards[1]!)).body.data).toMatchObject({ card_id: customer.cards[1] });

    expect((await changeSubscription(admin.session, id, "cancel", customer.customer_id)).body.data).toMatchObject({ status: "C" });
    expect((await changeSubscription(admin.session, id, "resume", customer.customer_id)).status).toBe(409);
    // The same subscription over the API, as the merchant's integration reads it.
    expect((await m.api.get(`/subscription/${id}`)).body.data).toMatchObject({ status: "C", card_id: customer.cards[1] });
    const actor = `user:${admin.userId}`;
    expect((await subscriptionAudit(m.merchantId)).filter((row) => row.actor === actor).map((row) => row.action)).toEqual([
      "subscription.pause",
      "subscription.resume",
      "subscription.update",
      "subscription.update",
      "subscription.cancel",
    ]);
  });

  it("refuses another customer's card or customer_id, and a malformed body, field by field, changing nothing", async () => {
    const m = await newMerchant("Portal Subscription Refusals");
    const { session } = await sessionOf(m.merchantId, "owner");
    const { customer, id } = await subscribed(m);
    const other = await addCustomer(m, 1);
    const before = await subscriptionRow(id);

    const cases: [string, () => ReturnType<typeof changeCard>, string, string][] = [
      ["another customer's card", () => changeCard(session, id, other.cards[0]!), "card_id", "is not a card of this subscription's customer"],
      ["a card_id that is not one", () => changeCard(session, id, "nope"), "card_id", "must be 32 lowercase hex characters"],
      ["another customer's id", () => changeSubscription(session, id, "pause", other.customer_id), "customer_id", "is not this subscription's customer"],
      ["no customer_id", () => portalPost(`/portal/api/subscriptions/${id}/cancel`, { ...session, body: {} }), "customer_id", "is required"],
    ];
    for (const [what, send, field, message] of cases) {
      const answer = await send();
      expect(answer.status, what).toBe(400);
      expect(answer.body.data, what).toEqual({ [field]: message });
    }
    expect((await changeSubscription(session, id, "renew", customer.customer_id)).status).toBe(400);
    expect(await subscriptionRow(id)).toEqual(before);
  });

  it.each(["staff", "viewer"])("refuses a %s (403) every subscription change with the session's own token, and records nothing", async (role) => {
    const m = await newMerchant(`Portal Subscriptions ${role}`);
    const { customer, id } = await subscribed(m);
    const before = await subscriptionRow(id);
    const auditBefore = await subscriptionAudit(m.merchantId);
    const { session } = await sessionOf(m.merchantId, role);
    for (const answer of [
      await changeSubscription(session, id, "pause", customer.customer_id),
      await changeSubscription(session, id, "cancel", customer.customer_id),
      await changeSubscription(session, id, "resume", customer.customer_id),
      await changeCard(session, id, customer.cards[1]!),
    ]) {
      expect(answer.status).toBe(403);
      expect(answer.body.message).toBe("Your role does not allow this.");
    }
    expect(await subscriptionRow(id)).toEqual(before);
    expect(await subscriptionAudit(m.merchantId)).toEqual(auditBefore);
  });

  it("answers another merchant's subscription as unknown (404)", async () => {
    const theirs = await newMerchant("Portal Subscriptions Theirs");
    const { customer, id } = await subscribed(theirs);
    const me = await sessionOf((await newMerchant("Portal Subscriptions Mine")).merchantId, "owner");
    expect((await changeSubscription(me.session, id, "cancel", customer.customer_id)).status).toBe(404);
    expect((await changeCard(me.session, id, "")).status).toBe(404);
    expect((await subscriptionRow(id)).status).toBe("A");
  });

  it("saves an edit of a plan a subscription is on as a new version; the subscription keeps the version it joined", async () => {
    const m = await newMerchant("Portal Plan Versions");
    const { session } = await sessionOf(m.merchantId, "owner");
    const { plan, id } = await subscribed(m);
    const edited = await editPlan(
      session,
      plan.plan_code,
      editForm({ plan_name: "Gold", plan_desc: "Gold, monthly", amt_tran: "29.99", until_cancelled: false, plan_duration: "12" }),
    );
    expect(edited.status, edited.body?.message).toBe(200);
    expect(edited.body.data).toMatchObject({ plan_code: plan.plan_code, status: "E", amt_tran: 29.99 });
    expect(edited.body.data.plan_id).not.toBe(plan.plan_id);
    expect((await m.api.get(`/plan/${plan.plan_code}`)).body.data).toMatchObject([
      { plan_id: plan.plan_id, status: "A" },
      { plan_id: edited.body.data.plan_id, status: "E" },
    ]);
    expect(await subscriptionRow(id)).toMatchObject({ planId: plan.plan_id, amountMinor: 1999n });
  });
});
