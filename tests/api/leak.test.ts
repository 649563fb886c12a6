// The LEAK test: no full card number or CVV anywhere but the sealed column
// (README, Key management). Card
// numbers and CVVs made up for this file go through every card-handling path
// (accepted, rejected, duplicate, replayed); afterwards none of them may be
// found in the database's files, the server's log or any response. The same
// scans must find what SHOULD be there (masked numbers, request lines), so a
// scan of the wrong file or a silent logger cannot pass by accident.
// One answer may hold full numbers: GET /aus/{requestId} shows a merchant the
// numbers it sent itself with /aus/add (docs/account-updater.md, "Reports");
// it is checked on its own, for those numbers only.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { openNumbers } from "@/lib/account-updater/requests/request-rows";
import { openSealed } from "@/lib/crypto/seal";
import { getDb } from "@/lib/db/client";
import { generateTestCardNumber } from "@/lib/cards/test-cards";
import { cardAad } from "@/lib/vault/prepare-card";
import { payWithEmbeddedForm } from "@/lib/embedded/pay-with-embedded-form";
import type { ApiResponse } from "../support/api-client";
import { futureExpiry, uniqueCustomerId, masked, newMerchant, type TestMerchant } from "../support/fixtures";
import { openPage, parentData, submitForm } from "../support/hosted-form";
import { enrolMerchant } from "../support/account-updater-api";
import { insertSubscription } from "../support/subscriptions";
import { databaseSnapshot, expectStatus, runVaultCli, serverLogContaining } from "../support/security-suite";

/** A Luhn-valid number of a brand, made for this test only. */
const fresh = (prefix: string, length = 16) => generateTestCardNumber(prefix, length);
const spaced = (n: string) => n.replace(/(\d{4})(?=\d)/g, "$1 ");
const hyphenated = (n: string) => n.replace(/(\d{4})(?=\d)/g, "$1-");
/** The same number with a wrong check digit. */
const luhnBroken = (n: string) => n.slice(0, -1) + String((Number(n.at(-1)) + 1) % 10);

// Every string a leaked card number could take in text.
function forms(number: string): string[] {
  return [number, spaced(number), hyphenated(number)];
}

// Card data that the DB must not hold beyond what the mask shows: the full
// number, or the number with only the first six or only the last four cut.
function dbForbidden(number: string): string[] {
  return [...forms(number), number.slice(0, -4), number.slice(6)];
}

/** Every text column value in the database (all tables), for the "bare CVV" check. */
async function allTextValues(): Promise<{ where: string; value: string }[]> {
  const db = getDb();
  const values: { where: string; value: string }[] = [];
  const columnsByTable = new Map<string, string[]>();
  if (inject("provider") === "sqlite") {
    const tables = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
    for (const { name } of tables) {
      const columns = await db.$queryRawUnsafe<{ name: string; type: string }[]>(`SELECT name, type FROM pragma_table_info('${name}')`);
      columnsByTable.set(
        name,
        columns.filter((c) => /text|char|clob/i.test(c.type)).map((c) => c.name),
      );
    }
  } else {
    const columns = await db.$queryRawUnsafe<{ table_name: string; column_name: string }[]>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')`,
    );
    for (const c of columns) columnsByTable.set(c.table_name, [...(columnsByTable.get(c.table_name) ?? []), c.column_name]);
  }
  expect(columnsByTable.get("Card"), "the catalogue query found the Card table's text columns").toContain("maskedNumber");
  expect(columnsByTable.get("AccountUpdaterResult"), "and the Account Updater's results'").toContain("maskedNumber");
  // Every text column the schema declares, in every table, is read: a table added later cannot escape the scan.
  const missing = [...schemaTextColumns()].flatMap(([table, columns]) =>
    columns.filter((c) => !columnsByTable.get(table)?.includes(c)).map((c) => `${table}.${c}`),
  );
  expect(missing, "text columns of the schema the scan does not read").toEqual([]);
  for (const [table, columns] of columnsByTable) {
    if (columns.length === 0) continue;
    const select = columns.map((c) => `CAST("${c}" AS TEXT) AS "${c}"`).join(", ");
    const rows = await db.$queryRawUnsafe<Record<string, string | null>[]>(`SELECT ${select} FROM "${table}"`);
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) if (value !== null) values.push({ where: `${table}.${column}`, value });
    }
  }
  return values;
}

/** The String columns of every model in the Prisma schema of the database under test, by table name. */
function schemaTextColumns(): Map<string, string[]> {
  const schema = readFileSync(`prisma/${inject("provider")}/schema.prisma`, "utf8");
  const tables = new Map<string, string[]>();
  for (const [, name, body] of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const table = /@@map\("(\w+)"\)/.exec(body!)?.[1] ?? name!;
    tables.set(
      table,
      [...body!.matchAll(/^\s+(\w+)\s+String\??\s/gm)].map((field) => field[1]!),
    );
  }
  expect(tables.size, "models read from the schema").toBeGreaterThan(30);
  return tables;
}

/** The sandbox network's pinned cards whose answers carry a new number, and those numbers (docs/account-updater.md, "The sandbox network"). */
const PINNED_202 = ["4000000000000028", "5555555555554410"];
const PINNED_NEW = ["4000000000000036", "5555555555554428"];
/** The other pinned cards: 201 (a new expiry), 203 and 204 (held). */
const PINNED_OTHERS = ["4000000000000010", "4000000000000044", "4000000000000051"];

describe("no card number or CVV leaks", () => {
  let m: TestMerchant;
  const responses: ApiResponse[] = [];
  /** GET /aus/{requestId} of the /aus/add request, and the numbers it may show in full: those the request sent, and their new numbers. */
  const ausAnswers: ApiResponse[] = [];
  const ausShown: string[] = [];
  let auMerchantCards: string[] = [];
  let ausRequestId = 0;
  /** Numbers the vault must never reveal anywhere. */
  const secretNumbers: string[] = [];
  /** Numbers it accepted: their masks must be in the database. */
  const acceptedNumbers: string[] = [];
  // CVVs start with 0 so that no id stored as text (an audit row's targetId
  // "128" for shipping address 128) can ever equal one; the Amex one is also
  // a past MMYY, so no stored exp_date can equal it either.
  // The gateway's rcodes are stored and answered as text ("005", "000", "110"): none of these may be one.
  const cvvs = ["083", "0715", "054", "020", "046", "031", "094", "065", "028", "057", "060", "073", "012", "086", "097", "088", "0629", "093", "039", "068"];
  /** A number a merchant typed into an unrelated field (comments): refused, so never stored, logged or returned. */
  const inComments = fresh("4");
  /** A number used as a customer_id in a path and in a query string: never logged. */
  const inPath = fresh("4");
  const inQuery = fresh("5");

  const call = async (request: Promise<ApiResponse>, status: number, what: string) => {
    const response = await request;
    responses.push(response);
    expectStatus(response, status, what);
    return response;
  };

  beforeAll(async () => {
    m = await newMerchant("Leak Merchant");
    const customerId = uniqueCustomerId("L");
    const [visa, amex, mastercard, discover, jcb, viaUpdate] = [fresh("4"), fresh("37", 15), fresh("51"), fresh("6011"), fresh("3530"), fresh("52")];
    const rejectedInUpdate = fresh("4");
    const expired = fresh("4");
    const luhnBad = luhnBroken(fresh("4"));
    const notStoredBesideBad = fresh("55");
    const rejectedInCustomerUpdate = fresh("4");
    secretNumbers.push(
      visa,
      amex,
      mastercard,
      discover,
      jcb,
      viaUpdate,
      rejectedInUpdate,
      expired,
      luhnBad,
      notStoredBesideBad,
      rejectedInCustomerUpdate,
      inComments,
      inPath,
      inQuery,
    );
    acceptedNumbers.push(visa, amex, mastercard, discover, jcb, viaUpdate);
    const exp = futureExpiry();

    // A customer with two cards, sent with an Idempotency-Key, then replayed.
    const idemKey = `leak-${randomBytes(8).toString("hex")}`;
    const customerBody = {
      customer_id: customerId,
      customer_first_name: "Leak",
      billing_cards: [
        { card_number: visa, exp_date: exp, billing_zip: "94402", cvv2: "083" },
        { card_number: amex, exp_date: exp, billing_zip: "94403", cvv2: "0715" },
      ],
    };
    const created = await call(m.api.post("/vault/customer", customerBody, { "idempotency-key": idemKey }), 200, "add customer");
    const replay = await call(m.api.post("/vault/customer", customerBody, { "idempotency-key": idemKey }), 200, "replay");
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const visaId = created.body.data.billing_cards[0].card_id as string;

    // More cards: plain, spaced, and with an Idempotency-Key (replayed too).
    const base = `/vault/customer/${customerId}`;
    await call(m.api.post(`${base}/billing`, { card_number: mastercard, exp_date: exp, billing_zip: "1", cvv2: "054" }), 200, "add card");
    await call(m.api.post(`${base}/billing`, { card_number: spaced(discover), exp_date: exp, billing_zip: "1", cvv2: "020" }), 200, "add spaced card");
    const cardKey = `leak-${randomBytes(8).toString("hex")}`;
    const jcbBody = { card_number: jcb, exp_date: exp, billing_zip: "1", cvv2: "057" };
    await call(m.api.post(`${base}/billing`, jcbBody, { "idempotency-key": cardKey }), 200, "add card with key");
    await call(m.api.post(`${base}/billing`, jcbBody, { "idempotency-key": cardKey }), 200, "replay card add");

    // Updates: accepted (with a CVV), and rejected because they carry a number.
    await call(m.api.put(`${base}/billing`, { card_id: visaId, exp_date: exp, billing_zip: "99999", cvv2: "046" }), 200, "update card");
    await call(m.api.put(`${base}/billing`, { card_id: visaId, card_number: rejectedInUpdate, cvv2: "031" }), 400, "update with card_number");

    // Rejected adds: expired, Luhn-failing, duplicate (409).
    await call(m.api.post(`${base}/billing`, { card_number: expired, exp_date: "0121", billing_zip: "1", cvv2: "094" }), 400, "expired");
    await call(m.api.post(`${base}/billing`, { card_number: luhnBad, exp_date: exp, billing_zip: "1", cvv2: "065" }), 400, "Luhn");
    await call(m.api.post(`${base}/billing`, { card_number: visa, exp_date: exp, billing_zip: "1", cvv2: "028" }), 409, "duplicate");
    await call(m.api.post(`${base}/billing`, { card_number: hyphenated(visa), exp_date: exp, billing_zip: "1", cvv2: "028" }), 409, "duplicate, hyphenated");

    // A new customer whose card list has a bad card next to a good one: 400, neither stored.
    await call(
      m.api.post("/vault/customer", {
        customer_id: uniqueCustomerId("L"),
        customer_first_name: "Half",
        billing_cards: [
          { card_number: notStoredBesideBad, exp_date: exp, billing_zip: "1", cvv2: "073" },
          { card_number: luhnBad, exp_date: exp, billing_zip: "1", cvv2: "065" },
        ],
      }),
      400,
      "customer with a bad card",
    );

    // Customer updates: a new card (hyphenated) lands; a number on an existing card is refused.
    const current = (await m.api.get(base)).body.data.billing_cards.map((c: { card_id: string }) => ({ card_id: c.card_id }));
    await call(
      m.api.put(base, { billing_cards: [...current, { card_number: hyphenated(viaUpdate), exp_date: exp, billing_zip: "2", cvv2: "060" }] }),
      200,
      "customer update adding a card",
    );
    await call(
      m.api.put(base, { billing_cards: [{ card_id: visaId, card_number: rejectedInCustomerUpdate, cvv2: "012" }] }),
      400,
      "customer update with a number on an existing card",
    );

    // Card numbers where none belong: in comments (refused: free text is
    // stored in cleartext, docs/api-contract.md), in a path, in a query string.
    await call(
      m.api.post("/vault/customer", { customer_id: uniqueCustomerId("L"), customer_first_name: "Note", comments: `card ${spaced(inComments)}` }),
      400,
      "comments with a card number",
    );
    await call(m.api.get(`/vault/customer/${inPath}`), 404, "card number as customer_id");
    await call(m.api.get(`/vault/customer?filter=${encodeURIComponent(`comments,LIKE,${inQuery}`)}`), 200, "card number in a filter");

    // The payment gateway: a sale on a stored card with a CVV, keyed sales (approved, declined,
    // replayed with a key, refused for a bad number), a keyed Amex verify and credit, and an
    // auth's capture, refund and void; then the transactions API.
    const keyedVisa = fresh("4");
    const keyedDeclined = fresh("4");
    const keyedAmex = fresh("34", 15);
    const keyedLuhnBad = luhnBroken(fresh("4"));
    secretNumbers.push(keyedVisa, keyedDeclined, keyedAmex, keyedLuhnBad);
    // Transactions keep the masked number of every card they were made on.
    acceptedNumbers.push(keyedVisa, keyedDeclined, keyedAmex);
    const pg = (body: Record<string, unknown>) => ({ merchant_id: m.merchantId, ...body });
    await call(m.pg.post("/sale", pg({ card_id: visaId, amt_tran: 12.5, cvv2: "086" })), 200, "pg sale on a stored card");
    const saleKey = `leak-${randomBytes(8).toString("hex")}`;
    const keyedSale = pg({ card_number: keyedVisa, exp_date: exp, cvv2: "097", avs_zip: "94402", amt_tran: 3 });
    await call(m.pg.post("/sale", keyedSale, { "idempotency-key": saleKey }), 200, "pg keyed sale");
    await call(m.pg.post("/sale", keyedSale, { "idempotency-key": saleKey }), 200, "pg keyed sale replayed");
    await call(m.pg.post("/sale", pg({ card_number: keyedDeclined, exp_date: exp, cvv2: "088", amt_tran: 4.05 })), 402, "pg keyed decline");
    await call(m.pg.post("/verify", pg({ card_number: keyedAmex, exp_date: exp, cvv2: "0629" })), 200, "pg keyed verify");
    await call(m.pg.post("/credit", pg({ card_number: keyedAmex, exp_date: exp, amt_tran: 2 })), 200, "pg keyed credit");
    await call(m.pg.post("/sale", pg({ card_number: keyedLuhnBad, exp_date: exp, cvv2: "093", amt_tran: 1 })), 400, "pg bad number");
    const auth = await call(m.pg.post("/auth", pg({ card_number: keyedVisa, exp_date: exp, amt_tran: 20 })), 200, "pg auth");
    await call(m.pg.post(`/capture/${auth.body.pg_id}`, pg({ amt_tran: 20 })), 200, "pg capture");
    await call(m.pg.post(`/refund/${auth.body.pg_id}`, pg({ amt_tran: 5 })), 200, "pg refund");
    await call(m.pg.post(`/void/${auth.body.pg_id}`, pg({})), 409, "pg void with refunds");
    await call(m.api.get("/transaction?count=100"), 200, "browse transactions");
    await call(m.api.get(`/transaction/${auth.body.pg_id}`), 200, "get transaction");

    // The embedded form with a charge: paid over HTTP (its page, the token's
    // message and the transaction API), and declined (called as the page calls
    // it, from an address of its own: the HTTP tests share one).
    const embeddedPaid = fresh("4");
    const embeddedDeclined = fresh("4");
    secretNumbers.push(embeddedPaid, embeddedDeclined);
    acceptedNumbers.push(embeddedPaid, embeddedDeclined);
    await runVaultCli(["merchant", "origins", "--merchant", String(m.merchantId), "--add", "https://leak-shop.example"]);
    const chargeKey = await call(m.api.get("/embedded?amt_tran=9.5"), 200, "embedded key with a charge");
    const embeddedPath = `/embedded/${chargeKey.body.data.transient_key}`;
    const embeddedPage = await openPage(embeddedPath);
    const typedExpiry = `${exp.slice(0, 2)}/${exp.slice(2)}`;
    const embeddedPost = await submitForm(embeddedPath, embeddedPage.html, {
      card_number: spaced(embeddedPaid),
      exp_date: typedExpiry,
      cvv2: "039",
      billing_zip: "94402",
      cardholder_name: "Leak Embedded",
    });
    const tokenMessage = parentData<{ pg_id: string }>(embeddedPost.html)?.message;
    expect(tokenMessage, "the embedded form's token message").toBeDefined();
    for (const html of [embeddedPage.html, embeddedPost.html]) {
      for (const form of forms(embeddedPaid)) expect(html).not.toContain(form);
      // Standing alone, not inside a hex id: the page's transient key is random hex, and "039" turns up in one about once in 150 runs.
      expect(html).not.toMatch(/(?<![0-9a-f])039(?![0-9a-f])/);
    }
    const embeddedPgId = tokenMessage!.pg_id;
    await call(m.api.get(`/transaction/${embeddedPgId}`), 200, "embedded charge's transaction");
    const declineKey = await call(m.api.get("/embedded?amt_tran=9.51"), 200, "embedded key with a declining charge");
    const declined = await payWithEmbeddedForm(
      declineKey.body.data.transient_key,
      { card_number: embeddedDeclined, exp_date: exp, cvv2: "068", billing_zip: "94402" },
      { clientAddress: "198.51.100.201", requestId: "leak-embedded-decline" },
    );
    expect(declined.kind).toBe("declined");
    expect(JSON.stringify(declined)).not.toContain(embeddedDeclined);
    await call(m.api.get("/transaction?count=100"), 200, "browse transactions with the embedded form's");

    // Recurring billing: two subscriptions on a stored card, billed for two months by the sandbox
    // clock over HTTP (approved cycles; a declined one retried until suspended), with their ledger,
    // events and transactions; then the transactions API.
    const subscribedCard = fresh("4");
    secretNumbers.push(subscribedCard);
    acceptedNumbers.push(subscribedCard);
    const subscriberId = uniqueCustomerId("L");
    const subscriberAdded = await call(
      m.api.post("/vault/customer", {
        customer_id: subscriberId,
        customer_first_name: "Leak",
        billing_cards: [{ card_number: subscribedCard, exp_date: exp, billing_zip: "94402" }],
      }),
      200,
      "subscriber with a card",
    );
    const subscriberRow = await getDb().customer.findFirstOrThrow({ where: { merchantId: BigInt(m.merchantId), customerId: subscriberId } });
    const subscriber = { customerId: subscriberId, customerPk: subscriberRow.id, cardIds: [subscriberAdded.body.data.billing_cards[0].card_id as string] };
    const billingActor = { merchantId: BigInt(m.merchantId), actor: "test" };
    const clockToday = (await call(m.api.get("/sandbox/clock"), 200, "sandbox clock")).body.data.date as string;
    await insertSubscription(billingActor, subscriber, { dateStart: clockToday, amountMinor: 1500n, setupMinor: 500n });
    await insertSubscription(billingActor, subscriber, { dateStart: clockToday, amountMinor: 1551n });
    await call(m.api.post("/sandbox/clock", { advance_days: 62 }), 200, "sandbox clock bills two months");
    expect(await getDb().billingCharge.count({ where: { merchantId: BigInt(m.merchantId), state: "approved" } })).toBeGreaterThanOrEqual(2);
    await call(m.api.get("/transaction?count=100"), 200, "browse transactions with the subscriptions'");

    // The Account Updater: cards with the sandbox network's pinned numbers
    // sent by card_id (another card held first, so left out), numbers made up
    // for this file sent with /aus/add (spaced and hyphenated too, beside a
    // pinned 202 number and a vault card; a JCB rejected; a body with a bad
    // number refused whole), answered by a move of the sandbox clock; then
    // every report, the /aus/add request's answers (the one place its
    // numbers show in full), and releases.
    await enrolMerchant(m, { harvested: true });
    const auCustomer = await call(
      m.api.post("/vault/customer", {
        customer_id: uniqueCustomerId("L"),
        customer_first_name: "Leak",
        billing_cards: [...PINNED_202, ...PINNED_OTHERS].map((card_number) => ({ card_number, exp_date: exp, billing_zip: "94402" })),
      }),
      200,
      "customer with the pinned sandbox cards",
    );
    auMerchantCards = (auCustomer.body.data.billing_cards as { card_id: string }[]).map((c) => c.card_id);
    await call(m.api.post("/aus/hold", { card_id: visaId }), 200, "hold a card");
    const byCardId = await call(m.api.post("/aus/request/create", { card_id: [...auMerchantCards, visaId] }), 200, "AU request by card_id");
    const cardIdRequest = byCardId.body.data.request_id as number;
    const ausSent = [fresh("4"), fresh("51"), fresh("6011")];
    const ausJcb = fresh("3530");
    const ausLuhnBad = luhnBroken(fresh("4"));
    const ausBesideBad = fresh("4");
    secretNumbers.push(...ausSent, ausJcb, ausLuhnBad, ausBesideBad);
    // The numbers sent are kept as masks in the results and the detail reports.
    acceptedNumbers.push(...ausSent);
    ausShown.push(...ausSent, PINNED_202[0]!, PINNED_NEW[0]!);
    await call(
      m.api.post("/aus/add", {
        data: [
          { card_number: ausBesideBad, exp_date: exp },
          { card_number: ausLuhnBad, exp_date: exp },
        ],
      }),
      400,
      "AU request with a bad number",
    );
    // With an Idempotency-Key, and replayed: the stored answer holds the request_id, never a number.
    const ausKey = `leak-${randomBytes(8).toString("hex")}`;
    const ausBody = {
      data: [
        { card_id: "LEAKREF1", card_number: ausSent[0], exp_date: exp },
        { card_number: spaced(ausSent[1]!), exp_date: exp },
        { card_id: "LEAKREF3", card_number: hyphenated(ausSent[2]!), exp_date: exp },
        { card_number: ausJcb, exp_date: exp },
        { card_id: "LEAKPIN", card_number: PINNED_202[0], exp_date: exp },
        // The 201 card, answered again: the same new expiry.
        { card_id: auMerchantCards[2] },
      ],
    };
    const byNumber = await call(m.api.post("/aus/add", ausBody, { "idempotency-key": ausKey }), 200, "AU request by number");
    const replayedAdd = await call(m.api.post("/aus/add", ausBody, { "idempotency-key": ausKey }), 200, "AU request by number, replayed");
    expect(replayedAdd.headers.get("idempotent-replayed")).toBe("true");
    expect(replayedAdd.body.data.request_id).toBe(byNumber.body.data.request_id);
    ausRequestId = Number(byNumber.body.data.request_id);
    const moved = await call(m.api.post("/sandbox/clock", { advance_days: 1 }), 200, "sandbox clock answers the AU requests");
    expect(moved.body.data.au_requests).toBe(2);
    for (const path of [
      "/aus/request/summary",
      "/aus/request/detail?count=100",
      `/aus/request/summary/${cardIdRequest}`,
      `/aus/request/detail/${cardIdRequest}`,
      `/aus/${cardIdRequest}`,
      `/aus/request/summary/${ausRequestId}`,
      `/aus/request/detail/${ausRequestId}`,
    ]) {
      await call(m.api.get(path), 200, path);
    }
    const shown = await m.api.get(`/aus/${ausRequestId}`);
    expectStatus(shown, 200, "AU answers with the numbers sent");
    ausAnswers.push(shown);
    await call(m.api.post("/aus/release", { card_id: visaId }), 200, "release a card");
    await call(m.api.post("/aus/release", { customer_id: auCustomer.body.data.customer_id }), 200, "release a customer's cards");
    await call(m.api.get(`/vault/customer/${auCustomer.body.data.customer_id}`), 200, "customer with updated cards");

    // Reads, so response bodies of every kind are scanned too.
    await call(m.api.get(base), 200, "get customer");
    await call(m.api.get(`${base}/billing`), 200, "list cards");
    await call(m.api.get("/vault/customer?count=100"), 200, "browse");
    const cards = (await m.api.get(`${base}/billing`)).body.data.billing_cards;
    expect(cards).toHaveLength(6);
  });

  it("keeps every full number, and every digit the mask hides, out of the database files", async () => {
    const { text, sources } = await databaseSnapshot();
    const found: string[] = [];
    for (const number of secretNumbers) for (const form of dbForbidden(number)) if (text.includes(form)) found.push(form);
    expect(found, `in ${sources.join(", ")}`).toEqual([]);
  });

  it("does find the masked numbers in the database files (the scan reads the right data)", async () => {
    const { text, sources } = await databaseSnapshot();
    for (const number of acceptedNumbers) expect(text.includes(masked(number)), `${masked(number)} in ${sources.join(", ")}`).toBe(true);
  });

  it("keeps the CVVs out of the database: no cvv key, no quoted value, no column holding one", async () => {
    // The check itself can see a bare value: the fixed zip "94403" is a column value.
    expect((await allTextValues()).some(({ value }) => value === "94403")).toBe(true);
    const { text, sources } = await databaseSnapshot();
    // A "cvv"/"cvv2" JSON key anywhere (a stored request body, say); the word
    // alone is not searched, since other tests may write it into comments.
    expect(text, sources.join(", ")).not.toMatch(/"cvv2?"\s*:/i);
    for (const cvv of cvvs) expect(text.includes(`"${cvv}"`), `"${cvv}" in ${sources.join(", ")}`).toBe(false);
    const values = await allTextValues();
    expect(values.length).toBeGreaterThan(20);
    const masks = acceptedNumbers.map(masked);
    expect(
      values.some(({ where, value }) => where === "AccountUpdaterResult.maskedNumber" && masks.includes(value)),
      "an Account Updater result's mask",
    ).toBe(true);
    const bare = values.filter(({ value }) => cvvs.includes(value.trim()) || /"cvv2?"\s*:/i.test(value));
    expect(bare).toEqual([]);
  });

  it("logs a line for each of these requests, and no card number or CVV in any of them", async () => {
    const requestIds = [...responses, ...ausAnswers].map((r) => r.headers.get("x-request-id"));
    expect(requestIds.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
    const log = await serverLogContaining(requestIds as string[]);
    const lines = log.split("\n");
    for (const id of requestIds) {
      const line = lines.find((l) => l.includes(id!));
      expect(line, `log line for request ${id}`).toBeDefined();
      expect(line).toMatch(/"(api|pg) request"/);
    }
    const found: string[] = [];
    for (const number of secretNumbers) for (const form of dbForbidden(number)) if (log.includes(form)) found.push(form);
    expect(found).toEqual([]);
    // No CVV field in any logged object. (The bare word is not searched: an
    // unhandled-error line may quote minified source, which names the field.)
    expect(log).not.toMatch(/"cvv2?"\s*:/i);
    for (const cvv of cvvs) {
      expect(log.includes(`"${cvv}"`), `"${cvv}" in the log`).toBe(false);
    }
    // The path with a number in it was logged, with the number redacted.
    expect(log).toMatch(/"path":"\/platform\/vault\/customer\/[^"]*\[CARD\][^"]*"/);
  });

  it("never puts a full number or a CVV in a response body or header", async () => {
    expect(responses.length).toBeGreaterThan(20);
    for (const response of responses) {
      const text = JSON.stringify({ body: response.body, headers: [...response.headers.entries()] });
      for (const number of secretNumbers) for (const form of forms(number)) expect(text, `response ${response.status}`).not.toContain(form);
      expect(text).not.toMatch(/cvv2?"\s*:/i);
      for (const cvv of cvvs) expect(text.includes(`"${cvv}"`), `"${cvv}" in a response`).toBe(false);
    }
    // The masks are what the responses show instead.
    const all = JSON.stringify(responses.map((r) => r.body));
    for (const number of acceptedNumbers) expect(all).toContain(masked(number));
  });

  it("GET /aus/{requestId} shows the numbers its request sent in full, and no other number or CVV", async () => {
    expect(ausAnswers).toHaveLength(1);
    const text = JSON.stringify({ body: ausAnswers[0]!.body, headers: [...ausAnswers[0]!.headers.entries()] });
    // The exception itself: each number the request sent, and the new number the network gave for one.
    for (const number of ausShown) expect(text, "a number the request sent, in full").toContain(`"${number}"`);
    for (const number of [...secretNumbers, ...PINNED_202, ...PINNED_NEW, ...PINNED_OTHERS].filter((n) => !ausShown.includes(n))) {
      for (const form of forms(number)) expect(text).not.toContain(form);
    }
    expect(text).not.toMatch(/cvv2?"\s*:/i);
    for (const cvv of cvvs) expect(text.includes(`"${cvv}"`), `"${cvv}" in GET /aus/{requestId}`).toBe(false);
  });

  it("keeps the sandbox network's pinned numbers, old and new, sealed: never in the database files, the log or another answer", async () => {
    const merchantId = BigInt(m.merchantId);
    const db = getDb();
    // What the scans must have seen: the Account Updater's rows, answered.
    const results = await db.accountUpdaterResult.findMany({ where: { merchantId }, orderBy: { id: "asc" } });
    expect(results.filter((r) => r.reasonCode !== null).map((r) => r.reasonCode)).toEqual([
      "202",
      "202",
      "201",
      "203",
      "204",
      "200",
      "200",
      "200",
      "202",
      "201",
    ]);
    expect(await db.accountUpdaterFile.count({ where: { merchantId, networkRef: { not: null }, doneAt: { not: null } } })).toBe(2);
    // Holds: the merchant's and two answers' (203, 204); releases: the one card, then the customer's two still held.
    const history = await db.cardHistory.findMany({ where: { merchantId }, select: { kind: true } });
    expect(history.map((h) => h.kind).sort()).toEqual([...Array(3).fill("hold"), ...Array(3).fill("release")]);
    expect(await db.event.count({ where: { merchantId, type: { startsWith: "account_updater_request_" } } })).toBe(4);
    const audit = await db.auditLog.findMany({ where: { merchantId, action: { startsWith: "card.au_" } }, select: { action: true } });
    expect(audit.map((a) => a.action).sort()).toEqual([
      ...Array(3).fill("card.au_hold"),
      ...Array(3).fill("card.au_release"),
      ...Array(4).fill("card.au_update"),
    ]);
    expect(await db.auditLog.count({ where: { merchantId, action: "account_updater.request" } })).toBe(2);

    // They do exist, sealed: the vault card opens to its new number, the number sent with /aus/add to both.
    const [updatedVisa] = auMerchantCards;
    const card = await db.card.findUniqueOrThrow({ where: { id: updatedVisa! }, select: { sealedNumber: true, maskedNumber: true } });
    expect(openSealed(card.sealedNumber, cardAad(merchantId, updatedVisa!))).toBe(PINNED_NEW[0]);
    const sent = results.find((r) => r.reference === "LEAKPIN")!;
    expect(openNumbers(merchantId, sent.id, sent.sealedNumbers!)).toEqual({ number: PINNED_202[0], new: PINNED_NEW[0] });

    const pinned = [...PINNED_202, ...PINNED_NEW, ...PINNED_OTHERS];
    const { text, sources } = await databaseSnapshot();
    for (const number of PINNED_NEW) expect(text.includes(masked(number)), `${masked(number)} in ${sources.join(", ")}`).toBe(true);
    const inDb = pinned.flatMap((number) => dbForbidden(number).filter((form) => text.includes(form)));
    expect(inDb, `in ${sources.join(", ")}`).toEqual([]);
    const log = await serverLogContaining(ausAnswers.map((r) => r.headers.get("x-request-id")!));
    expect(pinned.flatMap((number) => dbForbidden(number).filter((form) => log.includes(form)))).toEqual([]);
    const answers = JSON.stringify(responses.map((r) => r.body));
    expect(pinned.flatMap((number) => forms(number).filter((form) => answers.includes(form)))).toEqual([]);
    for (const number of PINNED_NEW) expect(answers).toContain(masked(number));
  });
});
