// Before any clock starts, the bench checks that the floor does the
// product's work: on the same database, with the same key, each is sent the
// same requests, and their answers and the rows they wrote must match.
// - A customer the product added reads back the same from both, byte for byte.
// - One customer added through each, with the same card: the same answer
//   (ids aside), and each reads back the other's customer as its writer
//   answered it.
// - The rows each wrote: the customer, the card (the same fingerprint; the
//   sealed number opens with the product's keyring to the number sent), the
//   audit rows and the outbox events, compared column by column with
//   generated ids and times left out.
// - The same refusals: no key, a bad card number, the same card twice, a
//   taken customer_id, an unknown customer.
// Any difference stops the bench with both versions shown.
import { isDeepStrictEqual } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { generateTestCardNumber } from "@/lib/cards/test-cards";
import { loadKeyring } from "@/lib/crypto/load-keyring";
import { openSealed } from "@/lib/crypto/open-sealed";
import { cardAad } from "@/lib/vault/prepare-card";

type Row = Record<string, unknown>;
type Sides = { product: string; floor: string };
export type Target = { provider: "sqlite" | "postgres"; url: string; keysFile: string; authorization: string };

function same(what: string, product: unknown, floor: unknown): void {
  if (!isDeepStrictEqual(product, floor)) {
    throw new Error(`The floor does not do the product's work: ${what} differ.\nproduct: ${JSON.stringify(product)}\nfloor:   ${JSON.stringify(floor)}`);
  }
}

async function call(baseUrl: string, path: string, init: RequestInit): Promise<{ status: number; text: string }> {
  const response = await fetch(`${baseUrl}${path}`, init);
  return { status: response.status, text: await response.text() };
}

/** The same request to both; their answers (status and body) must be equal. */
async function sameAnswer(what: string, sides: Sides, path: string, init: RequestInit) {
  const [product, floor] = await Promise.all([call(sides.product, path, init), call(sides.floor, path, init)]);
  same(what, product, floor);
  return product;
}

/** Reads rows straight from the database, as plain values. */
export async function openReader(target: Target): Promise<{ rows: (sql: string, values: unknown[]) => Promise<Row[]>; close: () => Promise<void> }> {
  if (target.provider === "sqlite") {
    const db = new Database(target.url.replace(/^file:/, ""), { readonly: true });
    return { rows: async (sql, values) => db.prepare(sql.replace(/\$\d+/g, "?")).all(...values) as Row[], close: async () => void db.close() };
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  return { rows: async (sql, values) => (await client.query(sql, values)).rows as Row[], close: () => client.end() };
}

// Columns that differ between any two adds by nature: keys, ids, times, the request id.
const GENERATED = new Set(["id", "customerPk", "customerId", "targetId", "eventId", "requestId", "createdAt", "updatedAt", "sealedNumber"]);
// The worker's progress, not the request's work: the product's worker may
// have fanned its events out before they are read, the floor has none.
const WORKER_PROGRESS = new Set(["fannedOutAt"]);

function comparable(row: Row, ids: Record<string, string>): Row {
  const kept: Row = {};
  const labelled = (text: string) => Object.entries(ids).reduce((t, [id, label]) => t.split(id).join(label), text);
  for (const [column, value] of Object.entries(row)) {
    if (WORKER_PROGRESS.has(column)) continue;
    if (column === "payload") kept.payload = labelled(String(value));
    else if (typeof value === "string" && labelled(value) !== value) kept[column] = labelled(value);
    else if (GENERATED.has(column)) {
      // Present or absent, and written in the same form (SQLite stores times as text).
      kept[column] = value === null ? null : typeof value === "string" ? value.replace(/[0-9a-f]/g, "0") : typeof value;
    } else kept[column] = typeof value === "bigint" ? value.toString() : value;
  }
  return kept;
}

async function writtenRows(read: (sql: string, values: unknown[]) => Promise<Row[]>, customerId: string, target: Target) {
  const customer = await read(`SELECT * FROM "Customer" WHERE "customerId" = $1`, [customerId]);
  const cards = await read(`SELECT k.* FROM "Card" k JOIN "Customer" c ON c."id" = k."customerPk" WHERE c."customerId" = $1 ORDER BY k."createdAt"`, [
    customerId,
  ]);
  const cardIds = cards.map((card) => String(card.id));
  const audit = await read(`SELECT * FROM "AuditLog" WHERE "targetId" IN (${[customerId, ...cardIds].map((_, i) => `$${i + 1}`).join(", ")}) ORDER BY "id"`, [
    customerId,
    ...cardIds,
  ]);
  const events = await read(`SELECT * FROM "Event" WHERE "payload" LIKE $1 ORDER BY "id"`, [`%"customer_id":"${customerId}"%`]);
  // Every sealed number opens, with the product's keyring, for its merchant and card_id.
  const keyring = loadKeyring({ env: { VAULT_KEYS_FILE: target.keysFile } });
  const opened = cards.map((card) => openSealed(card.sealedNumber as Uint8Array, cardAad(BigInt(String(card.merchantId)), String(card.id)), keyring));
  const ids: Record<string, string> = { [customerId]: "<customer_id>", ...Object.fromEntries(cardIds.map((id, i) => [id, `<card_id ${i}>`])) };
  const rows = { customer, cards, audit, events };
  return {
    opened,
    rows: Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.map((row) => comparable(row, ids))])),
  };
}

function expiry(): string {
  const now = new Date();
  return `${String(now.getUTCMonth() + 1).padStart(2, "0")}${String((now.getUTCFullYear() + 3) % 100).padStart(2, "0")}`;
}

/** Throws when the floor's answers or rows differ from the product's; `seededId` is a customer the product added. */
export async function checkSameWork(sides: Sides, target: Target, seededId: string): Promise<void> {
  const json = { authorization: target.authorization, "content-type": "application/json" };
  const get = { headers: { authorization: target.authorization } };

  await sameAnswer("the answers for a customer the product added", sides, `/platform/vault/customer/${seededId}`, get);

  const cardNumber = generateTestCardNumber("4", 16);
  const card = { card_number: cardNumber, exp_date: expiry(), billing_zip: "94402", cvv2: "123" };
  const tag = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  const body = (customerId: string, cards = [card]) =>
    JSON.stringify({
      customer_id: customerId,
      customer_first_name: "Same",
      customer_last_name: "Work",
      customer_email: "same@example.com",
      billing_cards: cards,
    });
  const ids = { product: `P${tag}`, floor: `F${tag}` };
  const added = {
    product: await call(sides.product, "/platform/vault/customer", { method: "POST", headers: json, body: body(ids.product) }),
    floor: await call(sides.floor, "/platform/vault/customer", { method: "POST", headers: json, body: body(ids.floor) }),
  };
  const answered = (side: "product" | "floor") => {
    const parsed = JSON.parse(added[side].text) as { data?: { billing_cards?: { card_id?: string }[] } };
    const cardId = parsed.data?.billing_cards?.[0]?.card_id ?? "";
    return { status: added[side].status, body: JSON.parse(added[side].text.split(ids[side]).join("<customer_id>").split(cardId).join("<card_id>")) as unknown };
  };
  same("the answers for adding a customer with a card", answered("product"), answered("floor"));
  // Each reads the other's customer back as the other answered it.
  same("the product's read of the floor's customer", added.floor, await call(sides.product, `/platform/vault/customer/${ids.floor}`, get));
  same("the floor's read of the product's customer", added.product, await call(sides.floor, `/platform/vault/customer/${ids.product}`, get));

  const reader = await openReader(target);
  try {
    const product = await writtenRows(reader.rows, ids.product, target);
    const floor = await writtenRows(reader.rows, ids.floor, target);
    same("the opened card numbers", [cardNumber], product.opened);
    same("the opened card numbers", product.opened, floor.opened);
    for (const table of ["customer", "cards", "audit", "events"]) same(`the ${table} rows written`, product.rows[table], floor.rows[table]);
  } finally {
    await reader.close();
  }

  await sameAnswer("the refusals without a key", sides, `/platform/vault/customer/${seededId}`, {});
  await sameAnswer("the refusals of a bad card number", sides, "/platform/vault/customer", {
    method: "POST",
    headers: json,
    body: body(`X${tag}`, [{ ...card, card_number: "4111111111111112" }]),
  });
  await sameAnswer("the refusals of the same card twice", sides, "/platform/vault/customer", {
    method: "POST",
    headers: json,
    body: body(`Y${tag}`, [card, card]),
  });
  await sameAnswer("the refusals of a taken customer_id", sides, "/platform/vault/customer", { method: "POST", headers: json, body: body(ids.product) });
  await sameAnswer("the answers for an unknown customer", sides, `/platform/vault/customer/Z${tag}`, get);
}

/**
 * Throws when a sale on the floor differs from one on the product: the same
 * card, the same amount; the answers equal but for the ids and auth code
 * each generates, and the Transaction, audit and event rows equal column by
 * column with those left out.
 */
export async function checkSameSale(sides: Sides, target: Target, cardId: string): Promise<void> {
  const init = {
    method: "POST",
    headers: { authorization: target.authorization, "content-type": "application/json" },
    body: JSON.stringify({ merchant_id: 0, card_id: cardId, amt_tran: "10.00" }),
  };
  const answers = { product: await call(sides.product, "/pg/sale", init), floor: await call(sides.floor, "/pg/sale", init) };
  const generated = (side: "product" | "floor") => {
    const body = JSON.parse(answers[side].text) as { pg_id?: string; auth_code?: string };
    return { pgId: body.pg_id ?? "", authCode: body.auth_code ?? "" };
  };
  const labels = (side: "product" | "floor") => {
    const { pgId, authCode } = generated(side);
    return { [pgId]: "<pg_id>", [authCode]: "<auth_code>" };
  };
  const labelled = (side: "product" | "floor") =>
    Object.entries(labels(side)).reduce((text, [id, label]) => (id ? text.split(id).join(label) : text), `${answers[side].status} ${answers[side].text}`);
  same("the answers for a sale", labelled("product"), labelled("floor"));

  const reader = await openReader(target);
  try {
    const written = async (side: "product" | "floor") => {
      const { pgId } = generated(side);
      const ids = labels(side);
      const transaction = await reader.rows(`SELECT * FROM "Transaction" WHERE "pgId" = $1`, [pgId]);
      const audit = await reader.rows(`SELECT * FROM "AuditLog" WHERE "targetId" = $1`, [pgId]);
      const events = await reader.rows(`SELECT * FROM "Event" WHERE "payload" LIKE $1`, [`%"pg_id":"${pgId}"%`]);
      // The settlement time is the same midnight for both, unless the check straddles one.
      return {
        transaction: transaction.map((row) => comparable({ ...row, settlesAt: typeof row.settlesAt }, ids)),
        audit: audit.map((row) => comparable(row, ids)),
        events: events.map((row) => comparable(row, ids)),
      };
    };
    const product = await written("product");
    const floor = await written("floor");
    same("the sale's rows written", product, floor);
    if (product.transaction.length !== 1 || product.audit.length !== 1 || product.events.length !== 1)
      throw new Error("The product's sale did not write one row of each");
  } finally {
    await reader.close();
  }
}
