// The Account Updater bench's database, seeded and read back (run as a child
// process with the bench's DATABASE_URL and VAULT_KEYS_FILE, as
// bench/billing-database.ts is).
//
//   node --import tsx bench/account-updater-database.ts <cards>
//
// Seeds two sandbox merchants with the same mix of <cards> vault cards each:
// the product's, enrolled in the Account Updater with its harvest due today
// on its clock, and the floor's (bench/account-updater-floor.ts), not
// enrolled, so no worker touches it. Each card is its own customer's (a
// customer cannot hold one number twice, and the pinned numbers repeat), a
// Visa card expiring in three years, sealed, fingerprinted and masked with
// the product's own functions (lib/crypto, lib/vault/prepare-card.ts) so the
// run opens and re-seals real cards; written straight in batches rather than
// through addCustomer, which would take longer than the run it prepares.
// One card in PINNED_EVERY carries the sandbox's 201 number and one the 202
// number (lib/account-updater/network/sandbox-network.ts), so 10% of the
// answers change a card: a new expiry, or a new number sealed. Prints one
// JSON line (Seeded). On PostgreSQL the seeded tables are ANALYZEd, as
// autovacuum would have long since.
//
//   node --import tsx bench/account-updater-database.ts --report <merchantId> <expDate>
//
// After a run, prints what the merchant's rows hold (AccountUpdaterReport),
// for bench/account-updater-same-work.ts to check.
import { directQuery, directWriteAtomically } from "@/lib/db/direct-sql";
import { dbProvider, getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/sql";
import { toDbBytes } from "@/lib/db/bytes";
import { checkKeysAtStart } from "@/lib/key-rotation/check-keys-at-start";
import { createMerchant } from "@/lib/merchants/create-merchant";
import { setEnrolment } from "@/lib/account-updater/enrolment";
import { SANDBOX_RULES } from "@/lib/account-updater/network/sandbox-network";
import { merchantToday } from "@/lib/billing/merchant-today";
import { civilDate } from "@/lib/billing/utc-date";
import { generateTestCardNumber } from "@/lib/cards/test-cards";
import { maskCardNumber } from "@/lib/cards/mask";
import { seal, openSealed } from "@/lib/crypto/seal";
import { randomHexId } from "@/lib/crypto/random-id";
import { cardAad, cardFingerprint } from "@/lib/vault/prepare-card";

/** Rows to an INSERT: 14 values a card, well under SQLite's 32,766 parameters. */
const BATCH_ROWS = 500;
/** INSERTs to a transaction. */
const STATEMENTS_PER_WRITE = 20;
/** One card in 20 answered 201 and one in 20 answered 202: 10% of the cards changed. */
const PINNED_EVERY = 20;
export const NUMBER_201 = "4000000000000010";
export const NUMBER_202 = "4000000000000028";
export const NEW_NUMBER_202 = SANDBOX_RULES.find((rule) => rule.number === NUMBER_202)?.newNumber ?? "";
const PINNED = new Set(SANDBOX_RULES.map((rule) => rule.number));

export type Seeded = {
  productMerchantId: string;
  floorMerchantId: string;
  today: number;
  /** Cards per merchant, and how many of them carry the 201 and the 202 number. */
  cards: number;
  pinned201: number;
  pinned202: number;
  /** Every seeded card's expiry (MMYY). */
  expDate: string;
};

function expiry(): string {
  const now = new Date();
  return `${String(now.getUTCMonth() + 1).padStart(2, "0")}${String((now.getUTCFullYear() + 3) % 100).padStart(2, "0")}`;
}

function numberAt(index: number): string {
  if (index % PINNED_EVERY === 0) return NUMBER_201;
  if (index % PINNED_EVERY === 1) return NUMBER_202;
  let number = generateTestCardNumber("4", 16);
  while (PINNED.has(number)) number = generateTestCardNumber("4", 16);
  return number;
}

async function seedCards(merchantId: bigint, count: number, expDate: string): Promise<void> {
  const now = new Date();
  let statements: Prisma.Sql[] = [];
  for (let start = 0; start < count; start += BATCH_ROWS) {
    const customers: Prisma.Sql[] = [];
    const cards: Prisma.Sql[] = [];
    for (let index = start; index < Math.min(count, start + BATCH_ROWS); index++) {
      const customerId = `AU${String(index).padStart(7, "0")}`;
      const digits = numberAt(index);
      const id = randomHexId();
      const { sealed, kekVersion } = seal(digits, cardAad(merchantId, id));
      customers.push(Prisma.sql`(${merchantId}, ${customerId}, ${"Bench"}, ${"Holder"}, ${now}, ${now})`);
      cards.push(Prisma.sql`(${id}, ${merchantId}, (SELECT "id" FROM "Customer" WHERE "merchantId" = ${merchantId} AND "customerId" = ${customerId}),
        ${cardFingerprint(merchantId, digits)}, ${maskCardNumber(digits)}, ${"VS"}, ${expDate}, ${toDbBytes(sealed)}, ${kekVersion}, ${"94402"}, ${true}, ${now}, ${now})`);
    }
    statements.push(Prisma.sql`
      INSERT INTO "Customer" ("merchantId", "customerId", "firstName", "lastName", "createdAt", "updatedAt") VALUES ${Prisma.join(customers)}`);
    statements.push(Prisma.sql`
      INSERT INTO "Card" ("id", "merchantId", "customerPk", "fingerprint", "maskedNumber", "cardType", "expDate", "sealedNumber", "kekVersion", "zip",
        "isPrimary", "createdAt", "updatedAt")
      VALUES ${Prisma.join(cards)}`);
    if (statements.length >= STATEMENTS_PER_WRITE) {
      await directWriteAtomically(statements);
      statements = [];
    }
  }
  if (statements.length > 0) await directWriteAtomically(statements);
}

async function seed(count: number): Promise<Seeded> {
  const product = await createMerchant({ name: "Bench Account Updater Merchant", actor: "bench" });
  const floor = await createMerchant({ name: "Bench Account Updater Floor Merchant", actor: "bench" });
  const today = await merchantToday(product.merchantId);
  // Enrolled on today's day of the month (28 at most, every month has it), with no harvest yet this month: due on the workers' first pass.
  await setEnrolment({ merchantId: product.merchantId, actor: "bench" }, { enrolled: true, harvestDay: Math.min(civilDate(today).day, 28) });
  await directWriteAtomically([Prisma.sql`UPDATE "AccountUpdaterEnrolment" SET "lastHarvestMonth" = NULL WHERE "merchantId" = ${product.merchantId}`]);
  const expDate = expiry();
  await seedCards(product.merchantId, count, expDate);
  await seedCards(floor.merchantId, count, expDate);
  if (dbProvider() === "postgres") await directWriteAtomically([Prisma.sql`ANALYZE "Customer", "Card"`]);
  const pinned = (remainder: number) => Math.floor((count - remainder - 1) / PINNED_EVERY) + 1;
  return {
    productMerchantId: product.merchantId.toString(),
    floorMerchantId: floor.merchantId.toString(),
    today,
    cards: count,
    pinned201: pinned(0),
    pinned202: pinned(1),
    expDate,
  };
}

type Counted = Record<string, number>;

/** One answered card as the merchant's rows show it, for the product's and the floor's to be compared. */
export type AnsweredSample = { result: Record<string, unknown>; card: Record<string, unknown>; event: Record<string, unknown> | null };

export type AccountUpdaterReport = {
  cards: number;
  requests: { method: string; status: string; cntRequest: number; cntResponse: number; cntUpdate: number; selecting: boolean; claimed: boolean }[];
  /** Result rows by "reasonCode/applied" ("none" for an unanswered one). */
  results: Counted;
  /** The most answered results one card has, and the cards with none. */
  mostAnswersPerCard: number;
  cardsUnanswered: number;
  files: number;
  filesNotDone: number;
  filesClaimed: number;
  /** The 201 cards: how many there are and how many carry the new expiry; their results with it. */
  cards201: number;
  cards201WithNewExpiry: number;
  results201WithNewExpiry: number;
  /** The 202 cards: still on the old number, on the new one (mask, fingerprint), and how many open to the new number. */
  cardsStillOn202: number;
  cardsOnNewNumber: number;
  cardsOnNewNumberWithItsFingerprint: number;
  cardsOpeningToNewNumber: number;
  results202WithNewMask: number;
  events: Counted;
  audit: Counted;
  /** One result of each reason code with its card and event. */
  samples: Record<string, AnsweredSample>;
};

const n = (value: unknown) => Number(value);

function plain(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      typeof value === "bigint" ? Number(value) : value instanceof Date ? value.toISOString() : value instanceof Uint8Array ? "(bytes)" : value,
    ]),
  );
}

async function report(merchantId: bigint, expDate: string): Promise<AccountUpdaterReport> {
  const count = (sql: Prisma.Sql) => directQuery<{ n: number | bigint }>(sql).then(([row]) => n(row?.n ?? 0));
  const grouped = async (sql: Prisma.Sql) =>
    Object.fromEntries((await directQuery<{ k: string; n: number | bigint }>(sql)).map((row) => [String(row.k), n(row.n)])) as Counted;
  const newExpiry = expDate.slice(0, 2) + String((Number(expDate.slice(2)) + 3) % 100).padStart(2, "0");
  const newMask = maskCardNumber(NEW_NUMBER_202);
  const newFingerprint = cardFingerprint(merchantId, NEW_NUMBER_202);
  const onNewNumber = await directQuery<{ id: string; sealedNumber: Uint8Array; fingerprint: string }>(
    Prisma.sql`SELECT "id", "sealedNumber", "fingerprint" FROM "Card" WHERE "merchantId" = ${merchantId} AND "maskedNumber" = ${newMask}`,
  );
  const requests = await directQuery<{
    method: string;
    status: string;
    cntRequest: number | bigint;
    cntResponse: number | bigint;
    cntUpdate: number | bigint;
    selecting: boolean;
    claimedBy: string | null;
    claimUntil: bigint | null;
  }>(Prisma.sql`
    SELECT "method", "status", "cntRequest", "cntResponse", "cntUpdate", "selecting", "claimedBy", "claimUntil"
    FROM "AccountUpdaterRequest" WHERE "merchantId" = ${merchantId} ORDER BY "id"`);
  const samples: Record<string, AnsweredSample> = {};
  for (const code of ["200", "201", "202"]) {
    const [result] = await directQuery<Record<string, unknown> & { cardId: string }>(Prisma.sql`
      SELECT "cardId", "maskedNumber", "cardType", "expDate", "sealedNumbers", "kekVersion", "maskedNumberNew", "expDateNew", "reasonCode", "responseDate", "applied"
      FROM "AccountUpdaterResult" WHERE "merchantId" = ${merchantId} AND "reasonCode" = ${code} ORDER BY "id" LIMIT 1`);
    if (!result) continue;
    const [card] = await directQuery<Record<string, unknown>>(Prisma.sql`
      SELECT "maskedNumber", "cardType", "expDate", "kekVersion", "zip", "isPrimary", "auHold", "auHoldReason", "replacedBy"
      FROM "Card" WHERE "id" = ${result.cardId}`);
    const [event] = await directQuery<{ type: string; payload: string; webhookId: number | null }>(Prisma.sql`
      SELECT "type", "payload", "webhookId" FROM "Event" WHERE "merchantId" = ${merchantId} AND "payload" LIKE ${`%${result.cardId}%`}`);
    const { cardId: _cardId, ...resultColumns } = result;
    const eventData = event ? (JSON.parse(event.payload) as Record<string, unknown>) : null;
    if (eventData) {
      delete eventData.card_id;
      delete eventData.customer_id;
    }
    samples[code] = {
      result: plain(resultColumns),
      card: plain(card ?? {}),
      event: event ? { type: event.type, webhookId: event.webhookId, data: eventData } : null,
    };
  }
  return {
    cards: await count(Prisma.sql`SELECT COUNT(*) AS "n" FROM "Card" WHERE "merchantId" = ${merchantId}`),
    requests: requests.map((r) => ({
      method: r.method,
      status: r.status,
      cntRequest: n(r.cntRequest),
      cntResponse: n(r.cntResponse),
      cntUpdate: n(r.cntUpdate),
      selecting: Boolean(r.selecting),
      claimed: r.claimedBy !== null || r.claimUntil !== null,
    })),
    results: await grouped(Prisma.sql`
      SELECT COALESCE("reasonCode", 'none') || '/' || COALESCE("applied", 'none') AS "k", COUNT(*) AS "n"
      FROM "AccountUpdaterResult" WHERE "merchantId" = ${merchantId} GROUP BY "reasonCode", "applied" ORDER BY "reasonCode", "applied"`),
    mostAnswersPerCard: await count(Prisma.sql`
      SELECT COALESCE(MAX("c"), 0) AS "n" FROM (
        SELECT COUNT(*) AS "c" FROM "AccountUpdaterResult" WHERE "merchantId" = ${merchantId} AND "reasonCode" IS NOT NULL GROUP BY "cardId") AS "perCard"`),
    cardsUnanswered: await count(Prisma.sql`
      SELECT COUNT(*) AS "n" FROM "Card" c WHERE c."merchantId" = ${merchantId}
        AND NOT EXISTS (SELECT 1 FROM "AccountUpdaterResult" r WHERE r."merchantId" = ${merchantId} AND r."cardId" = c."id" AND r."reasonCode" IS NOT NULL)`),
    files: await count(Prisma.sql`SELECT COUNT(*) AS "n" FROM "AccountUpdaterFile" WHERE "merchantId" = ${merchantId}`),
    filesNotDone: await count(Prisma.sql`SELECT COUNT(*) AS "n" FROM "AccountUpdaterFile" WHERE "merchantId" = ${merchantId} AND "doneAt" IS NULL`),
    filesClaimed: await count(
      Prisma.sql`SELECT COUNT(*) AS "n" FROM "AccountUpdaterFile" WHERE "merchantId" = ${merchantId} AND ("claimedBy" IS NOT NULL OR "claimUntil" IS NOT NULL)`,
    ),
    cards201: await count(Prisma.sql`SELECT COUNT(*) AS "n" FROM "Card" WHERE "merchantId" = ${merchantId} AND "maskedNumber" = ${maskCardNumber(NUMBER_201)}`),
    cards201WithNewExpiry: await count(
      Prisma.sql`SELECT COUNT(*) AS "n" FROM "Card" WHERE "merchantId" = ${merchantId} AND "maskedNumber" = ${maskCardNumber(NUMBER_201)} AND "expDate" = ${newExpiry}`,
    ),
    results201WithNewExpiry: await count(
      Prisma.sql`SELECT COUNT(*) AS "n" FROM "AccountUpdaterResult" WHERE "merchantId" = ${merchantId} AND "reasonCode" = '201' AND "expDateNew" = ${newExpiry}`,
    ),
    cardsStillOn202: await count(
      Prisma.sql`SELECT COUNT(*) AS "n" FROM "Card" WHERE "merchantId" = ${merchantId} AND "maskedNumber" = ${maskCardNumber(NUMBER_202)}`,
    ),
    cardsOnNewNumber: onNewNumber.length,
    cardsOnNewNumberWithItsFingerprint: onNewNumber.filter((card) => card.fingerprint === newFingerprint).length,
    cardsOpeningToNewNumber: onNewNumber.filter((card) => openSealed(card.sealedNumber, cardAad(merchantId, card.id)) === NEW_NUMBER_202).length,
    results202WithNewMask: await count(
      Prisma.sql`SELECT COUNT(*) AS "n" FROM "AccountUpdaterResult" WHERE "merchantId" = ${merchantId} AND "reasonCode" = '202' AND "maskedNumberNew" = ${newMask}`,
    ),
    events: await grouped(Prisma.sql`SELECT "type" AS "k", COUNT(*) AS "n" FROM "Event" WHERE "merchantId" = ${merchantId} GROUP BY "type" ORDER BY "type"`),
    audit: await grouped(
      Prisma.sql`SELECT "action" AS "k", COUNT(*) AS "n" FROM "AuditLog" WHERE "merchantId" = ${merchantId} GROUP BY "action" ORDER BY "action"`,
    ),
    samples,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [first, ...rest] = process.argv.slice(2);
  if (first === "--report") {
    const [merchantId, expDate] = rest;
    if (!merchantId || !expDate) throw new Error("usage: account-updater-database.ts --report <merchantId> <expDate>");
    console.log(JSON.stringify(await report(BigInt(merchantId), expDate)));
  } else {
    if (!first) throw new Error("usage: account-updater-database.ts <cards> | --report <merchantId> <expDate>");
    // An entry point like the CLI: the keys check generates the key file for the bench's empty database.
    await checkKeysAtStart();
    console.log(JSON.stringify(await seed(Number(first))));
  }
  await getDb().$disconnect();
}
