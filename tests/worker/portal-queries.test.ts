// The merchant portal's domain functions on a real database (SQLite and
// PostgreSQL): customer search, checkout links, the audit log and its export,
// and user management. Each test makes its own merchant(s), so tests never
// see each other's rows; "another merchant" tests check isolation.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { ApiError } from "@/lib/errors/api-error";
import type { Actor } from "@/lib/audit/record-audit";
import { isLuhnValid } from "@/lib/cards/luhn";
import { addCustomer } from "@/lib/vault/add-customer";
import { searchCustomers } from "@/lib/vault/search-customers";
import { setPrimaryBillingCard } from "@/lib/vault/set-primary-billing-card";
import { createCheckout } from "@/lib/checkout/create-checkout";
import { listCheckouts } from "@/lib/checkout/list-checkouts";
import { browseAuditLog } from "@/lib/audit/browse-audit-log";
import { iterateAuditLog } from "@/lib/audit/iterate-audit-log";
import { exportAuditLogCsv } from "@/lib/audit/export-audit-log-csv";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";
import { changeUserRole } from "@/lib/users/change-user-role";
import { removeUser } from "@/lib/users/remove-user";
import { LAST_OWNER_MESSAGE } from "@/lib/users/owner-guard";
import { futureExpiry, newMerchant, uniqueCustomerId } from "../support/fixtures";

const MINUTE = 60_000;
const ago = (ms: number) => new Date(Date.now() - ms);

async function merchant(): Promise<Actor> {
  const m = await newMerchant();
  return { merchantId: BigInt(m.merchantId), actor: "test" };
}

/** A Luhn-valid Visa number ending in `lastFour`, random in between. */
function visaEndingIn(lastFour: string): string {
  const middle = Array.from(randomBytes(5), (b) => String(b % 10)).join("");
  for (let d = 0; d < 10; d++) {
    const number = `411111${d}${middle}${lastFour}`;
    if (isLuhnValid(number)) return number;
  }
  throw new Error("unreachable: one digit always fixes the Luhn sum");
}

type CustomerFields = { customer_first_name?: string; customer_last_name?: string; customer_firm_name?: string; customer_email?: string };

// No digits, vowels or hex letters: a random id cannot happen to contain
// what a test searches for.
const ID_LETTERS = "GHJKLMNPQRSTVWXZ";
const randomCustomerId = () => `Q${Array.from(randomBytes(12), (b) => ID_LETTERS[b % 16]).join("")}`;

async function customer(actor: Actor, fields: CustomerFields, options: { customerId?: string; cards?: string[] } = {}): Promise<string> {
  const created = await addCustomer(actor, {
    customer_id: options.customerId ?? randomCustomerId(),
    ...fields,
    billing_cards: (options.cards ?? []).map((card_number) => ({ card_number, exp_date: futureExpiry(), billing_zip: "12345" })),
  });
  return created.customer_id;
}

async function expectApiError(promise: Promise<unknown>, kind: ApiError["kind"], message?: string | RegExp): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).kind).toBe(kind);
  if (message !== undefined) expect((error as ApiError).message).toMatch(message);
  return error as ApiError;
}

const ids = (page: { rows: { customerId: string }[] }) => page.rows.map((r) => r.customerId);

describe("searchCustomers", () => {
  it("matches each field, case-insensitively, as a substring", async () => {
    const actor = await merchant();
    const ada = await customer(
      actor,
      { customer_first_name: "Ada", customer_last_name: "Lovelace", customer_email: "ada@Engines.example" },
      { customerId: "CustAda01" },
    );
    const firm = await customer(actor, { customer_firm_name: "Babbage & Sons Ltd" }, { customerId: "FirmOnly02" });
    const grace = await customer(
      actor,
      { customer_first_name: "Grace", customer_last_name: "Hopper", customer_email: "grace@navy.example" },
      { customerId: "GH03" },
    );

    const search = async (q: string) => ids(await searchCustomers({ merchantId: actor.merchantId, q })).sort();
    expect(await search("ada")).toEqual([ada]); // first name (and customer_id)
    expect(await search("LOVEL")).toEqual([ada]); // last name, other case
    expect(await search("ada lovelace")).toEqual([ada]); // "first last"
    expect(await search("a LOVE")).toEqual([ada]); // across first and last
    expect(await search("bAbBaGe")).toEqual([firm]); // firm name
    expect(await search("ENGINES.EX")).toEqual([ada]); // email, stored mixed case
    expect(await search("navy")).toEqual([grace]);
    expect(await search("firmonly")).toEqual([firm]); // customer_id, other case
    expect(await search("gh0")).toEqual([grace]);
    expect(await search("nobody")).toEqual([]);
    // Empty and blank q match everyone.
    expect(await search("")).toEqual([ada, firm, grace].sort());
    expect(await search("   ")).toEqual([ada, firm, grace].sort());
  });

  it("four digits also find customers by a card's last four, and show card count and primary card", async () => {
    const actor = await merchant();
    const first = visaEndingIn("4242");
    const second = visaEndingIn("0005");
    const two = await customer(actor, { customer_first_name: "Two", customer_last_name: "Cards" }, { cards: [first, second] });
    const other = await customer(actor, { customer_first_name: "Other" }, { cards: [visaEndingIn("9999")] });
    const none = await customer(actor, { customer_first_name: "NoCard" });
    // A customer_id that holds the four digits is matched too (q is also a substring).
    const idMatch = await customer(actor, { customer_first_name: "Digits" }, { customerId: `X4242${randomBytes(3).toString("hex")}` });

    const page = await searchCustomers({ merchantId: actor.merchantId, q: "4242" });
    expect(ids(page).sort()).toEqual([two, idMatch].sort());
    const row = page.rows.find((r) => r.customerId === two)!;
    expect(row.cardCount).toBe(2);
    // The first card added is primary.
    expect(row.primaryCard).toEqual({ maskedNumber: `411111xxxxxx4242`, cardType: "VS", expDate: futureExpiry() });
    expect(ids(await searchCustomers({ merchantId: actor.merchantId, q: "0005" }))).toEqual([two]);
    // Not four digits: no card search (no name, email or id here holds "424").
    expect(ids(await searchCustomers({ merchantId: actor.merchantId, q: "424" })).sort()).toEqual([idMatch]);

    const all = await searchCustomers({ merchantId: actor.merchantId });
    const byId = Object.fromEntries(all.rows.map((r) => [r.customerId, r]));
    expect(byId[none]).toMatchObject({ cardCount: 0, primaryCard: null });
    expect(byId[other]!.cardCount).toBe(1);
    expect(byId[other]!.primaryCard?.maskedNumber).toMatch(/9999$/);

    // The primary card shown follows a change of primary.
    const cardIds = await getDb().card.findMany({
      where: { customer: { customerId: two, merchantId: actor.merchantId } },
      select: { id: true, maskedNumber: true },
    });
    const secondId = cardIds.find((c) => c.maskedNumber.endsWith("0005"))!.id;
    await setPrimaryBillingCard(actor, two, secondId);
    const after = await searchCustomers({ merchantId: actor.merchantId, q: "Two Cards" });
    expect(after.rows[0]!.primaryCard?.maskedNumber).toBe("411111xxxxxx0005");
  });

  it("treats % and _ in q literally", async () => {
    const actor = await merchant();
    const percent = await customer(actor, { customer_firm_name: "100% Cotton" });
    const underscore = await customer(actor, { customer_email: "first_last@example.com", customer_first_name: "U" });
    const plain = await customer(actor, { customer_firm_name: "100 Cotton", customer_email: "firstXlast@example.com" });
    const backslash = await customer(actor, { customer_firm_name: "Back\\slash" });
    const search = async (q: string) => ids(await searchCustomers({ merchantId: actor.merchantId, q })).sort();
    expect(await search("100%")).toEqual([percent]);
    expect(await search("%")).toEqual([percent]);
    expect(await search("first_last")).toEqual([underscore]);
    expect(await search("_")).toEqual([underscore]);
    expect(await search("k\\s")).toEqual([backslash]);
    expect(await search("100")).toEqual([percent, plain].sort());
  });

  it("sorts by customer_id, name (last then first), email and created, both ways", async () => {
    const actor = await merchant();
    // Created in this order: c1, c2, c3, c4.
    const c1 = await customer(actor, { customer_first_name: "Zed", customer_last_name: "Brown", customer_email: "d@example.com" }, { customerId: "B2" });
    const c2 = await customer(actor, { customer_first_name: "amy", customer_last_name: "brown", customer_email: "A@example.com" }, { customerId: "A9" });
    const c3 = await customer(actor, { customer_first_name: "Bob", customer_last_name: "Adams", customer_email: "c@example.com" }, { customerId: "C1" });
    const c4 = await customer(actor, { customer_firm_name: "No Person Inc" }, { customerId: "A1" });
    const sorted = async (sort: string, direction?: "asc" | "desc") =>
      ids(await searchCustomers({ merchantId: actor.merchantId, sort: sort as "name", direction }));

    expect(await sorted("customer_id")).toEqual([c4, c2, c1, c3]);
    expect(await sorted("customer_id", "desc")).toEqual([c3, c1, c2, c4]);
    // Case-insensitive; a customer without a name (or email) comes last either way.
    expect(await sorted("name")).toEqual([c3, c2, c1, c4]);
    expect(await sorted("name", "desc")).toEqual([c1, c2, c3, c4]);
    expect(await sorted("email")).toEqual([c2, c3, c1, c4]);
    expect(await sorted("email", "desc")).toEqual([c1, c3, c2, c4]);
    // Default: newest first.
    expect(await sorted("created", "desc")).toEqual([c4, c3, c2, c1]);
    expect(ids(await searchCustomers({ merchantId: actor.merchantId }))).toEqual([c4, c3, c2, c1]);
    expect(await sorted("created", "asc")).toEqual([c1, c2, c3, c4]);
  });

  it("pages stably with the real total, even when every sort key ties", async () => {
    const actor = await merchant();
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push(await customer(actor, { customer_last_name: "Same", customer_first_name: "Name" }));
    const page = (n: number) => searchCustomers({ merchantId: actor.merchantId, sort: "name", page: n, pageSize: 3 });
    const [p1, p2, p3, p4] = await Promise.all([page(1), page(2), page(3), page(4)]);
    expect([p1.rows.length, p2.rows.length, p3.rows.length, p4.rows.length]).toEqual([3, 3, 1, 0]);
    for (const p of [p1, p2, p3, p4]) expect(p).toMatchObject({ total: 7, pageSize: 3 });
    expect(p3.page).toBe(3);
    const seen = [...ids(p1), ...ids(p2), ...ids(p3)];
    expect(new Set(seen).size).toBe(7);
    expect(seen.sort()).toEqual([...created].sort());
    // The same page twice is the same rows.
    expect(ids(await page(2))).toEqual(ids(p2));
    // The total counts matches, not the merchant's customers.
    const filtered = await searchCustomers({ merchantId: actor.merchantId, q: created[0], pageSize: 3 });
    expect(filtered.total).toBe(1);
  });

  it("defaults to pages of 25 and caps the page size at 100", async () => {
    const actor = await merchant();
    expect(await searchCustomers({ merchantId: actor.merchantId })).toMatchObject({ page: 1, pageSize: 25, total: 0, rows: [] });
    expect((await searchCustomers({ merchantId: actor.merchantId, pageSize: 1000 })).pageSize).toBe(100);
    // Strings from a query string are accepted.
    expect(await searchCustomers({ merchantId: actor.merchantId, page: "2" as unknown as number, pageSize: "10" as unknown as number })).toMatchObject({
      page: 2,
      pageSize: 10,
    });
  });

  it("refuses an unknown sort, direction or page as a validation error", async () => {
    const actor = await merchant();
    const bad = (options: object) => searchCustomers({ merchantId: actor.merchantId, ...options } as Parameters<typeof searchCustomers>[0]);
    const error = await expectApiError(bad({ sort: "cardNumber" }), "validation");
    expect(Object.keys(error.fields ?? {})).toEqual(["sort"]);
    expect(Object.keys((await expectApiError(bad({ direction: "up" }), "validation")).fields ?? {})).toEqual(["direction"]);
    expect(Object.keys((await expectApiError(bad({ page: 0 }), "validation")).fields ?? {})).toEqual(["page"]);
    expect(Object.keys((await expectApiError(bad({ pageSize: 1.5 }), "validation")).fields ?? {})).toEqual(["pageSize"]);
  });

  it("never returns another merchant's customers", async () => {
    const mine = await merchant();
    const theirs = await merchant();
    const card = visaEndingIn("7777");
    const own = await customer(mine, { customer_first_name: "Shared", customer_email: "shared@example.com" });
    await customer(theirs, { customer_first_name: "Shared", customer_email: "shared@example.com" }, { cards: [card] });
    expect(ids(await searchCustomers({ merchantId: mine.merchantId, q: "shared" }))).toEqual([own]);
    expect(await searchCustomers({ merchantId: mine.merchantId, q: "7777" })).toMatchObject({ rows: [], total: 0 });
    expect((await searchCustomers({ merchantId: mine.merchantId })).total).toBe(1);
  });
});

describe("listCheckouts", () => {
  it("lists links newest first with their state, counts and the API's link", async () => {
    const actor = await merchant();
    const make = async (customerId = uniqueCustomerId()) =>
      createCheckout(actor, { customer_id: customerId, customer_first_name: "Jo", preferences: { expire_in_secs: 900 } });
    const [open, stale, expiredByJob, spent, locked] = [await make(), await make(), await make(), await make(), await make()];
    const spentAt = ago(MINUTE);
    const lockedAt = ago(2 * MINUTE);
    const resultCard = randomBytes(16).toString("hex");
    await getDb().$transaction(async (tx) => {
      await tx.checkout.update({ where: { id: stale.checkout_id }, data: { expiresAt: ago(MINUTE) } });
      await tx.checkout.update({ where: { id: expiredByJob.checkout_id }, data: { expiresAt: ago(MINUTE), state: "expired" } });
      // A spent or locked link past its expiry stays spent or locked.
      await tx.checkout.update({ where: { id: spent.checkout_id }, data: { state: "spent", spentAt, resultCardId: resultCard, expiresAt: ago(MINUTE) } });
      await tx.checkout.update({ where: { id: locked.checkout_id }, data: { state: "locked", lockedAt, failedAttempts: 5, expiresAt: ago(MINUTE) } });
    });

    const page = await listCheckouts({ merchantId: actor.merchantId });
    expect(page).toMatchObject({ total: 5, page: 1, pageSize: 25 });
    expect(page.rows.map((r) => r.checkoutId)).toEqual([locked, spent, expiredByJob, stale, open].map((c) => c.checkout_id));
    const byId = Object.fromEntries(page.rows.map((r) => [r.checkoutId, r]));
    expect(byId[open.checkout_id]!.state).toBe("open");
    expect(byId[stale.checkout_id]!.state).toBe("expired");
    expect(byId[expiredByJob.checkout_id]!.state).toBe("expired");
    expect(byId[spent.checkout_id]).toMatchObject({ state: "spent", spentAt, resultCardId: resultCard, lockedAt: null });
    expect(byId[locked.checkout_id]).toMatchObject({ state: "locked", lockedAt, failedAttempts: 5, spentAt: null });
    expect(byId[open.checkout_id]).toEqual({
      checkoutId: open.checkout_id,
      customerId: open.customer_id,
      cardId: null,
      state: "open",
      failedAttempts: 0,
      createdAt: new Date(open.db_timestamp),
      expiresAt: new Date(open.expiry_time),
      spentAt: null,
      lockedAt: null,
      resultCardId: null,
      // A card-capture link has no amount.
      amount: null,
      // Exactly the API's checkout_link.
      link: open.checkout_link,
    });
  });

  it("shows a payment link's amount as the customer reads it, in its currency", async () => {
    const actor = await merchant();
    const pay = (amt_tran: string, tran_currency?: number) =>
      createCheckout(actor, { customer_id: uniqueCustomerId(), customer_first_name: "Jo", amt_tran, tran_currency, preferences: { expire_in_secs: 900 } });
    const dollars = await pay("12.50");
    const yen = await pay("1500", 392);
    const page = await listCheckouts({ merchantId: actor.merchantId });
    const byId = Object.fromEntries(page.rows.map((r) => [r.checkoutId, r]));
    expect(byId[dollars.checkout_id]!.amount).toBe("$12.50");
    expect(byId[yen.checkout_id]!.amount).toBe("¥1,500");
  });

  it("filters by customer, pages with the total, and never shows another merchant's links", async () => {
    const actor = await merchant();
    const other = await merchant();
    const make = (a: Actor, customerId: string) =>
      createCheckout(a, { customer_id: customerId, customer_first_name: "Jo", preferences: { expire_in_secs: 900 } });
    const alice = uniqueCustomerId();
    const bob = uniqueCustomerId();
    const aliceLinks = [await make(actor, alice), await make(actor, alice), await make(actor, alice)];
    await make(actor, bob);
    // The same customer_id at another merchant is another customer.
    await make(other, alice);

    const forAlice = await listCheckouts({ merchantId: actor.merchantId, customerId: alice, pageSize: 2 });
    expect(forAlice.total).toBe(3);
    expect(forAlice.rows.map((r) => r.checkoutId)).toEqual([aliceLinks[2]!.checkout_id, aliceLinks[1]!.checkout_id]);
    const second = await listCheckouts({ merchantId: actor.merchantId, customerId: alice, pageSize: 2, page: 2 });
    expect(second.rows.map((r) => r.checkoutId)).toEqual([aliceLinks[0]!.checkout_id]);
    expect((await listCheckouts({ merchantId: actor.merchantId })).total).toBe(4);
    expect((await listCheckouts({ merchantId: other.merchantId })).total).toBe(1);
    expect(await listCheckouts({ merchantId: other.merchantId, customerId: bob })).toMatchObject({ total: 0, rows: [] });
    await expectApiError(listCheckouts({ merchantId: actor.merchantId, customerId: "not valid!" }), "validation");
  });
});

describe("browseAuditLog and its export", () => {
  type Row = { actor: string; action: string; targetType: string; targetId: string; createdAt: Date };
  async function seed(merchantId: bigint, rows: Row[]) {
    await getDb().$transaction((tx) => tx.auditLog.createMany({ data: rows.map((r) => ({ merchantId, ...r })) }));
  }
  const base = new Date("2030-01-15T12:00:00.000Z");
  const at = (minutes: number) => new Date(base.getTime() + minutes * MINUTE);

  it("filters by each field and by time range, newest first, with the total", async () => {
    const actor = await merchant();
    const other = await merchant();
    await seed(actor.merchantId, [
      { actor: "user:1", action: "customer.create", targetType: "customer", targetId: "C1", createdAt: at(1) },
      { actor: "user:2", action: "customer.delete", targetType: "customer", targetId: "C1", createdAt: at(2) },
      { actor: "user:1", action: "card.create", targetType: "card", targetId: "K1", createdAt: at(3) },
      { actor: "api_key:5", action: "customer.create", targetType: "customer", targetId: "C2", createdAt: at(4) },
    ]);
    // Another merchant's rows match every filter below and must never show.
    await seed(other.merchantId, [
      { actor: "user:1", action: "customer.create", targetType: "customer", targetId: "C1", createdAt: at(2) },
      { actor: "api_key:5", action: "card.create", targetType: "card", targetId: "K1", createdAt: at(3) },
    ]);
    const targets = async (options: Omit<Parameters<typeof browseAuditLog>[0], "merchantId">) => {
      const page = await browseAuditLog({ merchantId: actor.merchantId, from: at(0), ...options });
      expect(page.total).toBe(page.rows.length);
      return page.rows.map((r) => `${r.action}:${r.targetId}`);
    };
    expect(await targets({})).toEqual(["customer.create:C2", "card.create:K1", "customer.delete:C1", "customer.create:C1"]);
    expect(await targets({ actor: "user:1" })).toEqual(["card.create:K1", "customer.create:C1"]);
    expect(await targets({ action: "customer.create" })).toEqual(["customer.create:C2", "customer.create:C1"]);
    expect(await targets({ targetType: "card" })).toEqual(["card.create:K1"]);
    expect(await targets({ targetId: "C1" })).toEqual(["customer.delete:C1", "customer.create:C1"]);
    expect(await targets({ actor: "user:1", targetType: "customer" })).toEqual(["customer.create:C1"]);
    // from inclusive, to exclusive.
    expect(await targets({ from: at(2), to: at(4) })).toEqual(["card.create:K1", "customer.delete:C1"]);
    expect(await targets({ from: at(4) })).toEqual(["customer.create:C2"]);
    expect(await targets({ to: at(2) })).toEqual(["customer.create:C1"]);
    // Exact matches, not substrings.
    expect(await targets({ actor: "user" })).toEqual([]);

    const row = (await browseAuditLog({ merchantId: actor.merchantId, targetId: "C2" })).rows[0]!;
    expect(row).toEqual({
      id: expect.any(Number),
      createdAt: at(4),
      actor: "api_key:5",
      action: "customer.create",
      targetType: "customer",
      targetId: "C2",
      clientAddress: null,
      requestId: null,
    });
    expect((await browseAuditLog({ merchantId: other.merchantId, from: at(0) })).total).toBe(2);
    await expectApiError(browseAuditLog({ merchantId: actor.merchantId, from: at(4), to: at(2) }), "validation");
  });

  it("pages newest first with the real total", async () => {
    const actor = await merchant();
    await seed(
      actor.merchantId,
      Array.from({ length: 5 }, (_, i) => ({ actor: "cli", action: "x.page", targetType: "t", targetId: String(i), createdAt: at(i) })),
    );
    const page = (n: number) => browseAuditLog({ merchantId: actor.merchantId, action: "x.page", page: n, pageSize: 2 });
    const pages = await Promise.all([page(1), page(2), page(3)]);
    expect(pages.map((p) => p.rows.map((r) => r.targetId))).toEqual([["4", "3"], ["2", "1"], ["0"]]);
    for (const p of pages) expect(p.total).toBe(5);
  });

  it("iterates every matching row in batches, newest first, up to the limit; the CSV export streams them", async () => {
    const actor = await merchant();
    const other = await merchant();
    // Several rows share a millisecond, so batches must continue by id too.
    const rows = Array.from({ length: 11 }, (_, i) => ({
      actor: "cli",
      action: "x.export",
      targetType: "t",
      targetId: `T${i}`,
      createdAt: at(Math.floor(i / 3)),
    }));
    await seed(actor.merchantId, rows);
    await seed(other.merchantId, [{ actor: "cli", action: "x.export", targetType: "t", targetId: "theirs", createdAt: at(1) }]);

    const batches: string[][] = [];
    for await (const batch of iterateAuditLog({ merchantId: actor.merchantId, action: "x.export", batchSize: 4 })) batches.push(batch.map((r) => r.targetId));
    expect(batches.map((b) => b.length)).toEqual([4, 4, 3]);
    const all = batches.flat();
    // Same order as the browse, no repeats, none missing.
    const browsed = (await browseAuditLog({ merchantId: actor.merchantId, action: "x.export", pageSize: 100 })).rows.map((r) => r.targetId);
    expect(all).toEqual(browsed);
    expect(new Set(all).size).toBe(11);
    expect(all[0]).toBe("T10");

    const limited: string[] = [];
    for await (const batch of iterateAuditLog({ merchantId: actor.merchantId, action: "x.export", batchSize: 4, limit: 6 }))
      limited.push(...batch.map((r) => r.targetId));
    expect(limited).toEqual(browsed.slice(0, 6));

    let csv = "";
    for await (const chunk of exportAuditLogCsv({ merchantId: actor.merchantId, action: "x.export", batchSize: 5 })) csv += chunk;
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("created_at,actor,action,target_type,target_id,client_address,request_id");
    expect(lines.slice(1, -1).map((l) => l.split(",")[4])).toEqual(browsed);
    expect(lines[1]).toBe(`${at(3).toISOString()},cli,x.export,t,T10,,`);
    expect(lines.at(-1)).toBe("");
    expect(csv).not.toContain("theirs");

    // A bad filter fails before the header goes out.
    const chunks = exportAuditLogCsv({ merchantId: actor.merchantId, from: at(2), to: at(1) });
    await expectApiError(chunks.next(), "validation");
  });
});

describe("users: list, change role, remove", () => {
  const password = "correct horse battery staple";
  const email = (tag: string) => `${tag}-${randomBytes(4).toString("hex")}@example.com`;

  async function team(roles: string[]) {
    const m = await merchant();
    const users = [];
    for (const role of roles) users.push(await createUser({ merchantId: m.merchantId, email: email(role), role, password, actor: "test" }));
    const actor: Actor = { merchantId: m.merchantId, actor: `user:${users[0]!.userId}`, clientAddress: "203.0.113.7", requestId: "req-portal" };
    return { actor, users };
  }

  async function auditFor(merchantId: bigint, action: string) {
    return getDb().auditLog.findMany({ where: { merchantId, action }, orderBy: { id: "asc" } });
  }

  it("lists the merchant's users without their password hashes", async () => {
    const { actor, users } = await team(["owner", "staff"]);
    await team(["owner"]); // another merchant's
    const listed = await listUsers({ merchantId: actor.merchantId });
    expect(listed.map((u) => u.id)).toEqual(users.map((u) => u.userId));
    expect(Object.keys(listed[0]!).sort()).toEqual(["createdAt", "email", "id", "lastSignInAt", "lockedUntil", "role"]);
    expect(listed[1]).toMatchObject({ email: users[1]!.email, role: "staff", lastSignInAt: null, lockedUntil: null });
    expect(JSON.stringify(listed, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain("scrypt");
  });

  it("changes a role and writes user.role_change with the actor", async () => {
    const { actor, users } = await team(["owner", "staff"]);
    const staff = users[1]!;
    expect(await changeUserRole({ actor, userId: staff.userId, role: "admin" })).toEqual({
      userId: staff.userId,
      email: staff.email,
      previousRole: "staff",
      role: "admin",
    });
    expect((await getDb().user.findUnique({ where: { id: staff.userId } }))!.role).toBe("admin");
    const [audit] = await auditFor(actor.merchantId, "user.role_change");
    expect(audit).toMatchObject({
      actor: actor.actor,
      targetType: "user",
      targetId: String(staff.userId),
      clientAddress: "203.0.113.7",
      requestId: "req-portal",
    });
    // The role it already has: nothing changes, nothing is recorded.
    await changeUserRole({ actor, userId: staff.userId, role: "admin" });
    expect(await auditFor(actor.merchantId, "user.role_change")).toHaveLength(1);
    await expectApiError(changeUserRole({ actor, userId: staff.userId, role: "superuser" }), "validation");
  });

  it("refuses to demote or remove the last owner, and allows it once another owner exists", async () => {
    const { actor, users } = await team(["owner", "admin"]);
    const [owner, admin] = [users[0]!, users[1]!];
    await expectApiError(changeUserRole({ actor, userId: owner.userId, role: "admin" }), "conflict", LAST_OWNER_MESSAGE);
    await expectApiError(removeUser({ actor, userId: owner.userId }), "conflict", LAST_OWNER_MESSAGE);
    expect((await getDb().user.findUnique({ where: { id: owner.userId } }))!.role).toBe("owner");
    expect(await auditFor(actor.merchantId, "user.role_change")).toHaveLength(0);

    await changeUserRole({ actor, userId: admin.userId, role: "owner" });
    await changeUserRole({ actor, userId: owner.userId, role: "viewer" });
    // Now the promoted one is the last owner.
    await expectApiError(removeUser({ actor, userId: admin.userId }), "conflict", LAST_OWNER_MESSAGE);
    // Another merchant's owners do not count.
    await team(["owner", "owner"]);
    await expectApiError(changeUserRole({ actor, userId: admin.userId, role: "staff" }), "conflict");
  });

  it("two owners demoting each other at once leave one owner", async () => {
    const { actor, users } = await team(["owner", "owner"]);
    const results = await Promise.allSettled([
      changeUserRole({ actor, userId: users[0]!.userId, role: "admin" }),
      changeUserRole({ actor, userId: users[1]!.userId, role: "admin" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((refused.reason as ApiError).kind).toBe("conflict");
    expect(await getDb().user.count({ where: { merchantId: actor.merchantId, role: "owner" } })).toBe(1);
  });

  it("an owner removed while the other is demoted at once: one owner is left", async () => {
    const { actor, users } = await team(["owner", "owner"]);
    const results = await Promise.allSettled([
      removeUser({ actor, userId: users[0]!.userId }),
      changeUserRole({ actor, userId: users[1]!.userId, role: "staff" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await getDb().user.count({ where: { merchantId: actor.merchantId, role: "owner" } })).toBe(1);
  });

  it("removes a user, with user.remove recorded", async () => {
    const { actor, users } = await team(["owner", "viewer"]);
    const viewer = users[1]!;
    expect(await removeUser({ actor, userId: viewer.userId })).toEqual({ userId: viewer.userId, email: viewer.email, role: "viewer" });
    expect(await getDb().user.findUnique({ where: { id: viewer.userId } })).toBeNull();
    expect((await listUsers({ merchantId: actor.merchantId })).map((u) => u.id)).toEqual([users[0]!.userId]);
    const [audit] = await auditFor(actor.merchantId, "user.remove");
    expect(audit).toMatchObject({ actor: actor.actor, targetType: "user", targetId: String(viewer.userId) });
    // Gone: a second removal is not found.
    await expectApiError(removeUser({ actor, userId: viewer.userId }), "not_found");
  });

  it("another merchant's user is not found, and nothing changes or is recorded", async () => {
    const mine = await team(["owner"]);
    const theirs = await team(["owner", "staff"]);
    const target = theirs.users[1]!;
    await expectApiError(changeUserRole({ actor: mine.actor, userId: target.userId, role: "owner" }), "not_found");
    await expectApiError(removeUser({ actor: mine.actor, userId: target.userId }), "not_found");
    expect((await getDb().user.findUnique({ where: { id: target.userId } }))!.role).toBe("staff");
    for (const merchantId of [mine.actor.merchantId, theirs.actor.merchantId]) {
      expect(await auditFor(merchantId, "user.role_change")).toHaveLength(0);
      expect(await auditFor(merchantId, "user.remove")).toHaveLength(0);
    }
  });
});
