// The billing bench's database, seeded and read back (run as a child process
// with the bench's DATABASE_URL and VAULT_KEYS_FILE: the Prisma client is made
// once per process, for one database).
//
//   node --import tsx bench/billing-database.ts <subscriptions>
//
// Seeds one sandbox merchant (a new merchant's connector is the sandbox, its
// clock real time) with that many customers, each with one card, added
// through lib/vault's addCustomer, their events fanned out as a running
// worker would have; then one monthly subscription per customer on that card,
// 25.00 for 12 cycles, starting today on the merchant's clock, so every
// cycle 1 is due today. The subscription rows are written as the
// subscriptions API stores them (tests/support/subscriptions.ts: the terms,
// and the cursor from firstCursor), BATCH_ROWS to an INSERT. Prints one JSON
// line: the merchant's id, today's and cycle 2's day numbers, and the count.
// On PostgreSQL the seeded tables are ANALYZEd, as autovacuum would have long since.
//
//   node --import tsx bench/billing-database.ts --report
//
// After a run, prints what the database holds (BillingReport): the ledger by
// cycle and state, the subscriptions' cursors and claims, the transactions,
// events and audit rows the run wrote.
//
//   node --import tsx bench/billing-database.ts --rows <seq> <seq>
//
// Prints the rows one subscription's two cycles wrote (the first
// subscription's): what bench/billing-same-work.ts compares between the
// product's cycle and the floor's.
import { directQuery, directWriteAtomically } from "@/lib/db/direct-sql";
import { dbProvider, getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/sql";
import { checkKeysAtStart } from "@/lib/key-rotation/check-keys-at-start";
import { createMerchant } from "@/lib/merchants/create-merchant";
import { addCustomer } from "@/lib/vault/add-customer";
import { generateTestCardNumber } from "@/lib/cards/test-cards";
import { SANDBOX_DECLINE_CARD } from "@/lib/gateway/sandbox-connector";
import { merchantToday } from "@/lib/billing/merchant-today";
import { formatDay } from "@/lib/billing/utc-date";
import { FREQUENCY } from "@/lib/billing/schedule";
import { cursorAfter, firstCursor, type SubscriptionTerms } from "@/lib/billing/subscriptions/subscription-cursor";
import { fanOutEvents } from "@/lib/webhooks/delivery/fan-out-events";
import { systemClock } from "@/lib/webhooks/delivery/clock";

/** Subscription rows to an INSERT: 22 values each, well under SQLite's 32,766 parameters. */
const BATCH_ROWS = 250;
/** Customers added at once (on SQLite the write gate takes them in turn anyway). */
const ADD_CONCURRENCY = 8;
export const AMOUNT_MINOR = 2500n;

/** The merchant, today and the day cycle 2 falls due (day numbers), and how many subscriptions. */
export type Seeded = { merchantId: string; today: number; cycle2Day: number; subscriptions: number };

function expiry(): string {
  const now = new Date();
  return `${String(now.getUTCMonth() + 1).padStart(2, "0")}${String((now.getUTCFullYear() + 3) % 100).padStart(2, "0")}`;
}

type Subscriber = { customerId: string; customerPk: number; cardId: string };

async function addSubscribers(merchantId: bigint, count: number): Promise<Subscriber[]> {
  const actor = { merchantId, actor: "bench" };
  const added: Subscriber[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: ADD_CONCURRENCY }, async () => {
      while (next < count) {
        const index = next++;
        let number = generateTestCardNumber("4", 16);
        while (number === SANDBOX_DECLINE_CARD) number = generateTestCardNumber("4", 16);
        const created = await addCustomer(actor, {
          customer_id: `BILL${String(index).padStart(6, "0")}`,
          customer_first_name: "Bench",
          customer_last_name: "Payer",
          billing_cards: [{ card_number: number, exp_date: expiry(), billing_zip: "94402" }],
        });
        added[index] = { customerId: created.customer_id, customerPk: 0, cardId: created.billing_cards?.[0]?.card_id ?? "" };
      }
    }),
  );
  const keys = await directQuery<{ id: number | bigint; customerId: string }>(
    Prisma.sql`SELECT "id", "customerId" FROM "Customer" WHERE "merchantId" = ${merchantId}`,
  );
  const pkOf = new Map(keys.map((row) => [row.customerId, Number(row.id)]));
  for (const subscriber of added) subscriber.customerPk = pkOf.get(subscriber.customerId) ?? 0;
  return added;
}

async function seed(count: number): Promise<Seeded> {
  const { merchantId } = await createMerchant({ name: "Bench Billing Merchant", actor: "bench" });
  const subscribers = await addSubscribers(merchantId, count);
  // The customers' events were fanned out long ago in a vault that runs a worker.
  while ((await fanOutEvents(systemClock)) > 0);
  const today = await merchantToday(merchantId);
  const terms: SubscriptionTerms = {
    frequency: FREQUENCY.monthly,
    interval: 1,
    duration: 12,
    trialDuration: 0,
    trialMinor: 0n,
    amountMinor: AMOUNT_MINOR,
    billSpecificDay: false,
    dayOfWeek: null,
    dayOfMonth: null,
    month: null,
    prorateFirstPayment: false,
    prorateMinor: null,
    dateStart: formatDay(today),
  };
  const cursor = firstCursor(terms);
  if (cursor.nextSeq !== 1 || cursor.dueDay !== today) throw new Error(`the seeded terms' first cycle is not cycle 1 today: ${JSON.stringify(cursor)}`);
  const now = new Date();
  const statements: Prisma.Sql[] = [];
  for (let start = 0; start < subscribers.length; start += BATCH_ROWS) {
    const rows = subscribers.slice(start, start + BATCH_ROWS).map(
      (s) => Prisma.sql`(${merchantId}, ${s.customerId}, ${s.customerPk}, ${s.cardId}, ${"A"}, ${840}, ${terms.frequency}, ${terms.interval},
        ${terms.duration}, ${terms.trialDuration}, ${terms.trialMinor}, ${terms.amountMinor}, ${terms.billSpecificDay}, ${terms.prorateFirstPayment},
        ${terms.dateStart}, ${cursor.nextSeq}, ${0}, ${0}, ${cursor.dueDay}, ${false}, ${now}, ${now})`,
    );
    statements.push(Prisma.sql`
      INSERT INTO "Subscription" ("merchantId", "customerId", "customerPk", "cardId", "status", "currency", "frequency", "interval",
        "duration", "trialDuration", "trialMinor", "amountMinor", "billSpecificDay", "prorateFirstPayment",
        "dateStart", "nextSeq", "nextAttempt", "declines", "dueDay", "heldForReview", "createdAt", "updatedAt")
      VALUES ${Prisma.join(rows)}`);
  }
  await directWriteAtomically(statements);
  // A vault's tables have their planner statistics long before a billing day;
  // the ones seeded a moment ago have none until autovacuum comes round. Only
  // those: statistics saying the ledger and the transactions are empty would
  // be cached in the workers' prepared statements' plans as they fill
  // (sequential scans for every update by pg_id) until autovacuum analyzes
  // them again, which a vault's real tables, long since full, never show.
  if (dbProvider() === "postgres") await directWriteAtomically([Prisma.sql`ANALYZE "Subscription", "Customer", "Card"`]);
  const cycle2Day = cursorAfter(terms, 1).dueDay;
  if (cycle2Day === null) throw new Error("the seeded terms have no cycle 2");
  return { merchantId: merchantId.toString(), today, cycle2Day, subscriptions: subscribers.length };
}

type Counted = Record<string, number>;

export type BillingReport = {
  subscriptions: number;
  /** Ledger rows by "cycle/state". */
  ledger: Counted;
  /** The most ledger rows one subscription has for one cycle (1: each cycle charged once). */
  mostRowsPerCycle: number;
  /** Subscriptions by the cycle they charge next ("none" past the last). */
  byNextSeq: Counted;
  /** Subscriptions still claimed or still marked as charging. */
  claimed: number;
  charging: number;
  /** The subscriptions' transactions by status, and how many were captured in full (25.00) with a settlement date. */
  transactions: Counted;
  capturedInFull: number;
  events: Counted;
  audit: Counted;
};

const n = (value: unknown) => Number(value);

async function report(): Promise<BillingReport> {
  const count = (sql: Prisma.Sql) => directQuery<{ n: number | bigint }>(sql).then(([row]) => n(row?.n ?? 0));
  const grouped = async (sql: Prisma.Sql) =>
    Object.fromEntries((await directQuery<{ k: string; n: number | bigint }>(sql)).map((row) => [String(row.k), n(row.n)])) as Counted;
  return {
    subscriptions: await count(Prisma.sql`SELECT COUNT(*) AS "n" FROM "Subscription"`),
    ledger: await grouped(
      Prisma.sql`SELECT CAST("seq" AS TEXT) || '/' || "state" AS "k", COUNT(*) AS "n" FROM "BillingCharge" GROUP BY "seq", "state" ORDER BY "seq", "state"`,
    ),
    mostRowsPerCycle: await count(
      Prisma.sql`SELECT COALESCE(MAX("c"), 0) AS "n" FROM (SELECT COUNT(*) AS "c" FROM "BillingCharge" GROUP BY "subscriptionId", "seq") AS "perCycle"`,
    ),
    byNextSeq: await grouped(
      Prisma.sql`SELECT COALESCE(CAST("nextSeq" AS TEXT), 'none') AS "k", COUNT(*) AS "n" FROM "Subscription" GROUP BY "nextSeq" ORDER BY "nextSeq"`,
    ),
    claimed: await count(Prisma.sql`SELECT COUNT(*) AS "n" FROM "Subscription" WHERE "claimedBy" IS NOT NULL OR "claimUntil" IS NOT NULL`),
    charging: await count(Prisma.sql`SELECT COUNT(*) AS "n" FROM "Subscription" WHERE "chargingPgId" IS NOT NULL`),
    transactions: await grouped(
      Prisma.sql`SELECT "status" AS "k", COUNT(*) AS "n" FROM "Transaction" WHERE "subscriptionId" IS NOT NULL GROUP BY "status" ORDER BY "status"`,
    ),
    capturedInFull: await count(Prisma.sql`
      SELECT COUNT(*) AS "n" FROM "Transaction"
      WHERE "subscriptionId" IS NOT NULL AND "status" = 'C' AND "capturedMinor" = ${AMOUNT_MINOR} AND "approvedMinor" = ${AMOUNT_MINOR}
        AND "settlesAt" IS NOT NULL AND "authCode" IS NOT NULL`),
    events: await grouped(Prisma.sql`SELECT "type" AS "k", COUNT(*) AS "n" FROM "Event" GROUP BY "type" ORDER BY "type"`),
    audit: await grouped(Prisma.sql`SELECT "action" AS "k", COUNT(*) AS "n" FROM "AuditLog" GROUP BY "action" ORDER BY "action"`),
  };
}

/** One cycle's rows of a subscription: its ledger row, its transaction, its events (by their pg_id) and its audit rows. */
export type CycleRows = {
  ledger: Record<string, unknown>;
  transaction: Record<string, unknown>;
  events: Record<string, unknown>[];
  audit: Record<string, unknown>[];
};

function plain(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      typeof value === "bigint" ? Number(value) : value instanceof Date ? value.toISOString() : value instanceof Uint8Array ? "(bytes)" : value,
    ]),
  );
}

async function cycleRows(subscriptionId: number, seq: number): Promise<CycleRows> {
  const [ledger] = await getDb().billingCharge.findMany({ where: { subscriptionId, seq } });
  if (!ledger) throw new Error(`subscription ${subscriptionId} has no ledger row for cycle ${seq}`);
  const transaction = await getDb().transaction.findUniqueOrThrow({ where: { pgId: ledger.pgId } });
  const events = await getDb().event.findMany({ where: { payload: { contains: ledger.pgId } }, orderBy: { id: "asc" } });
  const audit = await getDb().auditLog.findMany({ where: { targetId: ledger.pgId }, orderBy: { id: "asc" } });
  return { ledger: plain(ledger), transaction: plain(transaction), events: events.map(plain), audit: audit.map(plain) };
}

async function rows(seqs: number[]): Promise<CycleRows[]> {
  const first = await getDb().billingSubscription.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } });
  return Promise.all(seqs.map((seq) => cycleRows(first.id, seq)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [first, ...rest] = process.argv.slice(2);
  if (first === "--report") console.log(JSON.stringify(await report()));
  else if (first === "--rows") console.log(JSON.stringify(await rows(rest.map(Number))));
  else {
    if (!first) throw new Error("usage: billing-database.ts <subscriptions> | --report | --rows <seq> <seq>");
    // An entry point like the CLI: the keys check generates the key file for
    // the bench's empty database (nothing else ever does).
    await checkKeysAtStart();
    console.log(JSON.stringify(await seed(Number(first))));
  }
  await getDb().$disconnect();
}
