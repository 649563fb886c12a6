// The portal's Account Updater routes over HTTP, as its pages call them
// (POST /portal/api/account-updater/enrolment; POST
// /portal/api/account-updater/cards/{card_id}/hold|release): the same
// functions as the CLI and the API, audited under the user; a harvest day
// outside 1-28 refused by field with nothing changed; only the roles with
// account_updater.write may use them; another merchant's card is unknown.
// Then the pages' reads on the same database: a request written by
// insertRequest (the API's own writer), its results masked, and a card's
// history, never another merchant's.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listRequests } from "@/lib/account-updater/portal/list-requests";
import { getRequest } from "@/lib/account-updater/portal/get-request";
import { listRequestResults } from "@/lib/account-updater/portal/list-request-results";
import { cardHistory } from "@/lib/account-updater/portal/card-history";
import { cardHoldStates } from "@/lib/account-updater/portal/card-hold-states";
import { insertRequest } from "@/lib/account-updater/requests/request-rows";
import { maskCardNumber } from "@/lib/cards/mask";
import { getDb } from "@/lib/db/client";
import { writeTransaction } from "@/lib/db/write-transaction";
import { createUser } from "@/lib/users/create-user";
import { newMerchant, uniqueVisa, type TestMerchant } from "../support/fixtures";
import { portalPost, signedInSession, type PortalSession } from "../support/portal-client";
import { addCustomer, day } from "../support/subscription-api";

const PASSWORD = "a long enough passphrase";

async function sessionOf(merchantId: number, role: string): Promise<{ userId: number; session: PortalSession }> {
  const email = `${role}.${randomBytes(5).toString("hex")}@shop.example`;
  const user = await createUser({ merchantId: BigInt(merchantId), email, role, password: PASSWORD, actor: "test" });
  return { userId: user.userId, session: await signedInSession({ ...user, password: PASSWORD }) };
}

const enrol = (s: PortalSession, body: unknown) => portalPost("/portal/api/account-updater/enrolment", { ...s, body });
const changeHold = (s: PortalSession, cardId: string, action: string) => portalPost(`/portal/api/account-updater/cards/${cardId}/${action}`, s);

const enrolmentOf = (m: TestMerchant) =>
  getDb().accountUpdaterEnrolment.findUnique({ where: { merchantId: BigInt(m.merchantId) }, select: { harvestDay: true } });
const cardRow = (cardId: string) => getDb().card.findUniqueOrThrow({ where: { id: cardId }, select: { auHold: true, auHoldReason: true } });
const historyOf = (cardId: string) =>
  getDb().cardHistory.findMany({ where: { cardId }, orderBy: { id: "asc" }, select: { kind: true, reason: true, actor: true } });
const auditOf = (m: TestMerchant) =>
  getDb().auditLog.findMany({
    where: { merchantId: BigInt(m.merchantId), OR: [{ action: { startsWith: "account_updater." } }, { action: { startsWith: "card.au_" } }] },
    orderBy: { id: "asc" },
    select: { actor: true, action: true, targetId: true },
  });

describe("the portal's Account Updater routes", () => {
  it("an owner enrols with a harvest day, an admin changes it, and the owner unenrols: saved, and audited under each user", async () => {
    const m = await newMerchant("Portal AU Enrolment");
    const owner = await sessionOf(m.merchantId, "owner");
    const admin = await sessionOf(m.merchantId, "admin");

    const enrolled = await enrol(owner.session, { enrolled: true, harvest_day: "15" });
    expect(enrolled.status, enrolled.body?.message).toBe(200);
    expect(enrolled.body.data).toEqual({ enrolled: true, harvest_day: 15 });
    expect(await enrolmentOf(m)).toEqual({ harvestDay: 15 });

    const changed = await enrol(admin.session, { enrolled: true, harvest_day: "28" });
    expect(changed.body.data).toEqual({ enrolled: true, harvest_day: 28 });
    expect(await enrolmentOf(m)).toEqual({ harvestDay: 28 });

    // An unenrolment's day, if any, is not read.
    const unenrolled = await enrol(owner.session, { enrolled: false, harvest_day: "40" });
    expect(unenrolled.status, unenrolled.body?.message).toBe(200);
    expect(unenrolled.body.data).toEqual({ enrolled: false, harvest_day: 1 });
    expect(await enrolmentOf(m)).toBeNull();

    const merchant = String(m.merchantId);
    expect(await auditOf(m)).toEqual([
      { actor: `user:${owner.userId}`, action: "account_updater.enrol", targetId: merchant },
      { actor: `user:${admin.userId}`, action: "account_updater.enrol", targetId: merchant },
      { actor: `user:${owner.userId}`, action: "account_updater.unenrol", targetId: merchant },
    ]);
  });

  it("refuses a harvest day outside 1-28, or none, by field, and changes nothing", async () => {
    const m = await newMerchant("Portal AU Harvest Day");
    const { session } = await sessionOf(m.merchantId, "owner");
    expect((await enrol(session, { enrolled: true, harvest_day: "3" })).status).toBe(200);

    const cases: [string, unknown, Record<string, string>][] = [
      ["day 0", { enrolled: true, harvest_day: "0" }, { harvest_day: "must be a whole number from 1 to 28" }],
      ["day 29", { enrolled: true, harvest_day: "29" }, { harvest_day: "must be a whole number from 1 to 28" }],
      ["a fraction", { enrolled: true, harvest_day: "2.5" }, { harvest_day: "must be a whole number from 1 to 28" }],
      ["words", { enrolled: true, harvest_day: "first" }, { harvest_day: "must be a whole number from 1 to 28" }],
      ["an empty day", { enrolled: true, harvest_day: "" }, { harvest_day: "is required" }],
      ["no day", { enrolled: true }, { harvest_day: "is required" }],
      ["no enrolled", { harvest_day: "5" }, { enrolled: "is required" }],
      ["enrolled as text", { enrolled: "yes", harvest_day: "5" }, { enrolled: "must be true or false" }],
    ];
    for (const [what, body, fields] of cases) {
      const answer = await enrol(session, body);
      expect(answer.status, what).toBe(400);
      expect(answer.body.data, what).toEqual(fields);
    }
    expect(await enrolmentOf(m)).toEqual({ harvestDay: 3 });
  });

  it("an admin holds a card and releases it: the card's hold, its history and the audit log name the user", async () => {
    const m = await newMerchant("Portal AU Holds");
    const admin = await sessionOf(m.merchantId, "admin");
    const { cards } = await addCustomer(m, 2);
    const [held, other] = cards as [string, string];

    const hold = await changeHold(admin.session, held, "hold");
    expect(hold.status, hold.body?.message).toBe(200);
    expect(hold.body.data).toEqual({ card_id: held, au_hold: true });
    expect(await cardRow(held)).toEqual({ auHold: true, auHoldReason: "merchant" });
    // Only the card named: the customer's other card is still sent.
    expect(await cardRow(other)).toEqual({ auHold: false, auHoldReason: null });

    const release = await changeHold(admin.session, held, "release");
    expect(release.status, release.body?.message).toBe(200);
    expect(release.body.data).toEqual({ card_id: held, au_hold: false });
    expect(await cardRow(held)).toEqual({ auHold: false, auHoldReason: null });

    const actor = `user:${admin.userId}`;
    expect(await historyOf(held)).toEqual([
      { kind: "hold", reason: "merchant", actor },
      { kind: "release", reason: null, actor },
    ]);
    expect(await historyOf(other)).toEqual([]);
    expect(await auditOf(m)).toEqual([
      { actor, action: "card.au_hold", targetId: held },
      { actor, action: "card.au_release", targetId: held },
    ]);
  });

  it.each(["staff", "viewer"])("refuses a %s (403) enrolment and holds with the session's own token, and records nothing", async (role) => {
    const m = await newMerchant(`Portal AU ${role}`);
    const { cards } = await addCustomer(m, 1);
    const owner = await sessionOf(m.merchantId, "owner");
    expect((await changeHold(owner.session, cards[0]!, "hold")).status).toBe(200);
    const auditBefore = await auditOf(m);

    const { session } = await sessionOf(m.merchantId, role);
    for (const answer of [
      await enrol(session, { enrolled: true, harvest_day: "10" }),
      await enrol(session, { enrolled: false }),
      await changeHold(session, cards[0]!, "release"),
      await changeHold(session, cards[0]!, "hold"),
    ]) {
      expect(answer.status).toBe(403);
      expect(answer.body.message).toBe("Your role does not allow this.");
    }
    expect(await enrolmentOf(m)).toBeNull();
    expect(await cardRow(cards[0]!)).toEqual({ auHold: true, auHoldReason: "merchant" });
    expect(await auditOf(m)).toEqual(auditBefore);
  });

  it("answers another merchant's card as unknown (404), refuses a malformed card_id or action (400) and a missing token (403)", async () => {
    const theirs = await newMerchant("Portal AU Theirs");
    const { cards } = await addCustomer(theirs, 1);
    const me = await sessionOf((await newMerchant("Portal AU Mine")).merchantId, "owner");

    for (const action of ["hold", "release"]) {
      const answer = await changeHold(me.session, cards[0]!, action);
      expect(answer.status, action).toBe(404);
      expect(answer.body.message).toBe("Card not found");
    }
    const malformed = await changeHold(me.session, "not-a-card", "hold");
    expect(malformed.status).toBe(400);
    expect(malformed.body.data).toEqual({ card_id: "must be 32 lowercase hex characters" });
    const action = await changeHold(me.session, cards[0]!, "freeze");
    expect(action.status).toBe(400);
    expect(action.body.data).toEqual({ action: "must be hold or release" });
    expect((await changeHold({ ...me.session, csrf: "0".repeat(43) }, cards[0]!, "hold")).status).toBe(403);

    expect(await cardRow(cards[0]!)).toEqual({ auHold: false, auHoldReason: null });
    expect(await historyOf(cards[0]!)).toEqual([]);
    expect(await auditOf(theirs)).toEqual([]);
  });
});

describe("the portal's Account Updater reads", () => {
  it("list a merchant's requests newest first, a request's cards masked in the order sent, and a card's history; never another merchant's", async () => {
    const m = await newMerchant("Portal AU Reads");
    const other = await newMerchant("Portal AU Reads Other");
    const owner = await sessionOf(m.merchantId, "owner");
    const customer = await addCustomer(m, 2);
    const [first, second] = customer.cards as [string, string];
    const vaultCards = await getDb().card.findMany({
      where: { id: { in: [first, second] } },
      select: { id: true, maskedNumber: true, fingerprint: true, cardType: true, expDate: true },
    });
    const cardOf = (id: string) => vaultCards.find((card) => card.id === id)!;
    const actor = { merchantId: BigInt(m.merchantId), actor: "test", requestId: randomBytes(8).toString("hex") };
    const requestDate = await day(m);

    // A request by card_id (both cards, one unknown id rejected), then one of a number the merchant sent.
    const byCardId = await writeTransaction((tx) =>
      insertRequest(tx, actor, {
        method: "harvest_card_id",
        requestDate,
        results: [first, second].map((id) => ({ cardId: id, ...cardOf(id) })),
        rejected: [{ card_id: "0".repeat(32), reject_reason: "Invalid card id. Card not found." }],
      }),
    );
    const sent = uniqueVisa();
    const byNumber = await writeTransaction((tx) =>
      insertRequest(tx, actor, {
        method: "harvest_api",
        requestDate,
        results: [{ reference: "REF-1", number: sent, maskedNumber: maskCardNumber(sent), cardType: "VS", expDate: "1230" }],
        rejected: [],
      }),
    );
    // The other merchant's request, which no read of this merchant may show.
    const theirs = await writeTransaction((tx) =>
      insertRequest(tx, { ...actor, merchantId: BigInt(other.merchantId) }, { method: "harvest_api", requestDate, results: [], rejected: [] }),
    );

    const list = await listRequests({ merchantId: BigInt(m.merchantId) });
    expect(list).toMatchObject({ total: 2, page: 1 });
    expect(list.rows).toEqual([
      expect.objectContaining({ requestId: byNumber, method: "harvest_api", status: "INPROGRESS", cntRequest: 1, cntRejected: 0 }),
      expect.objectContaining({ requestId: byCardId, method: "harvest_card_id", status: "INPROGRESS", requestDate, cntRequest: 2, cntRejected: 1 }),
    ]);
    expect((await getRequest(BigInt(m.merchantId), byCardId))?.rejected).toEqual([
      { card_id: "0".repeat(32), reject_reason: "Invalid card id. Card not found." },
    ]);
    expect(await getRequest(BigInt(m.merchantId), theirs)).toBeNull();
    expect(await getRequest(BigInt(other.merchantId), byCardId)).toBeNull();
    expect(await getRequest(BigInt(m.merchantId), 2 ** 40)).toBeNull();

    const results = await listRequestResults({ merchantId: BigInt(m.merchantId), requestId: byCardId });
    expect(results.rows.map((row) => [row.cardId, row.customerId, row.maskedNumber, row.reasonCode])).toEqual([
      [first, customer.customer_id, cardOf(first).maskedNumber, null],
      [second, customer.customer_id, cardOf(second).maskedNumber, null],
    ]);
    expect((await listRequestResults({ merchantId: BigInt(other.merchantId), requestId: byCardId })).rows).toEqual([]);
    // The number the merchant sent is sealed in its row; the page's read carries only its masked form.
    const numbered = await listRequestResults({ merchantId: BigInt(m.merchantId), requestId: byNumber });
    expect(numbered.rows).toMatchObject([{ cardId: null, customerId: null, reference: "REF-1", maskedNumber: maskCardNumber(sent) }]);
    expect(JSON.stringify(numbered)).not.toContain(sent);

    // The card's history: its answer row (waiting) and, newer, a hold and a release from the portal.
    expect((await changeHold(owner.session, first, "hold")).status).toBe(200);
    expect((await cardHoldStates(BigInt(m.merchantId), [first, second])).get(first)).toEqual({ isOnHold: true, holdReason: "merchant", replacedBy: null });
    expect((await changeHold(owner.session, first, "release")).status).toBe(200);
    const history = await cardHistory(BigInt(m.merchantId), first);
    expect(history.hasOlder).toBe(false);
    expect(history.entries.map((entry) => entry.kind)).toEqual(["release", "hold", "answer"]);
    expect(history.entries[2]).toMatchObject({ requestId: byCardId, requestDate, reasonCode: null, maskedNumber: cardOf(first).maskedNumber });
    expect((await cardHistory(BigInt(m.merchantId), first, 2)).hasOlder).toBe(true);
    expect((await cardHistory(BigInt(other.merchantId), first)).entries).toEqual([]);
    expect((await cardHoldStates(BigInt(other.merchantId), [first])).size).toBe(0);
  });
});
