// The billing bench's floor: the billing run's work per cycle, written by
// hand on the product's drivers (pg, better-sqlite3), without its layers.
// One loop, one batch of BATCH at a time, as one worker:
// - read the merchant's due subscriptions with their vault cards (one query),
// - per subscription, the cycle from the product's schedule (cycleOf) and
//   the card's expiry checked, then the batch's ledger rows, pending
//   transactions and charging marks written in one transaction
//   (bench/floor/billing-floor-*.ts),
// - each charged on the sandbox connector itself (its cents rule, the card's
//   number unsealed with the product's keyring as its call does),
// - the batch's outcomes in one transaction: the transactions captured, the
//   ledger rows approved, the cursors moved on (cursorAfter), two events per
//   charge (transaction_approved, subscription_payment_success) built by the
//   product's formatters, and one audit row per charge.
// What it leaves out: the claim (one process has no one to share with: the
// charging mark is its only guard), reconciling unresolved charges, and every
// answer but an approval of a cycle that is not the last (the bench charges
// only those; anything else stops the floor rather than doing less work than
// the product without saying so).
//
//   DATABASE_URL=... VAULT_KEYS_FILE=... node --import tsx bench/billing-floor.ts <merchantId> <today>
//
// Charges every cycle due on day `today` (a day number); prints one JSON
// line: { cycles, ms, firstMs } (ms from its first read to its last commit;
// firstMs to its first batch's outcome).
import { expDateProblem } from "@/lib/cards/expiry";
import { openSealed } from "@/lib/crypto/open-sealed";
import { getKeyring } from "@/lib/crypto/get-keyring";
import { randomHexId } from "@/lib/crypto/random-id";
import { getEnv } from "@/lib/env";
import { transactionEventData } from "@/lib/events/event-data";
import { sandboxConnector } from "@/lib/gateway/sandbox-connector";
import { toMajorUnits } from "@/lib/payments/amount";
import { currencyOf } from "@/lib/payments/currency";
import { cursorAfter, cycleOf } from "@/lib/billing/subscriptions/subscription-cursor";
import { subscriptionEventData } from "@/lib/billing/subscriptions/subscription-event-data";
import { parseDay } from "@/lib/billing/utc-date";
import { cardAad } from "@/lib/vault/prepare-card";
import type { ApprovedCharge, BillingFloorStore, DueRow, ReservedCharge } from "./floor/billing-floor-store";
import { openPostgresBillingStore } from "./floor/billing-floor-postgres";
import { openSqliteBillingStore } from "./floor/billing-floor-sqlite";

/** As the product's run (lib/billing/run/billing-pass.ts BILLING_BATCH). */
const BATCH = 100;

function refuse(row: DueRow, what: string): never {
  throw new Error(`subscription ${row.id}: ${what}, which the floor does not do`);
}

function reserved(merchantId: bigint, row: DueRow, now: Date): ReservedCharge {
  const cycle = cycleOf(row, row.nextSeq);
  if (!cycle) refuse(row, "no cycle left to charge");
  if (expDateProblem(row.expDate, now)) refuse(row, "an expired card");
  const day = parseDay(cycle.date);
  if (day === null) refuse(row, `a cycle dated ${cycle.date}`);
  return {
    subscriptionId: row.id,
    seq: cycle.seq,
    attempt: row.nextAttempt,
    kind: cycle.kind,
    cycleDay: day,
    amountMinor: BigInt(cycle.amount),
    currency: row.currency,
    pgId: randomHexId(),
    merchRefNum: `sub-${row.id}-cycle-${cycle.seq}-try-${row.nextAttempt}`,
    purchaseId: row.purchaseId,
    cardId: row.cardId,
    customerId: row.customerId,
    maskedNumber: row.maskedNumber,
    cardType: row.cardType,
    fingerprint: row.fingerprint,
  };
}

/** The sandbox's answer to the charge, its number unsealed only inside the call, as the product's billingCardRequest does. */
async function charge(merchantId: bigint, row: DueRow, c: ReservedCharge, now: Date): Promise<ApprovedCharge> {
  const currency = currencyOf(c.currency);
  if (!currency) refuse(row, `currency ${c.currency}`);
  const answer = await sandboxConnector.sale({
    pgId: c.pgId,
    amountMinor: Number(c.amountMinor),
    currency: c.currency,
    exponent: currency.exponent,
    partialAuth: false,
    merchRefNum: c.merchRefNum,
    purchaseId: c.purchaseId ?? undefined,
    motoEcommInd: "2",
    card: {
      maskedNumber: c.maskedNumber,
      expDate: row.expDate,
      cardType: c.cardType,
      withNumber: (use) => use(openSealed(row.sealedNumber, cardAad(merchantId, row.cardId))),
    },
  });
  if (!answer.approved || !answer.authCode) refuse(row, `a sandbox answer ${answer.rcode}`);
  const next = cursorAfter(row, c.seq);
  if (next.nextSeq === null || next.dueDay === null) refuse(row, "a last cycle (completing the subscription)");
  const settlesAt = sandboxConnector.settlesAt(now);
  const transaction = {
    pgId: c.pgId,
    type: "sale",
    status: "C",
    amount: toMajorUnits(answer.approvedMinor, currency),
    currency: c.currency,
    rcode: answer.rcode,
    rmsg: answer.rmsg,
    authCode: answer.authCode,
    cardId: c.cardId,
    customerId: c.customerId,
    maskedNumber: c.maskedNumber,
    cardType: c.cardType,
    merchRefNum: c.merchRefNum,
    purchaseId: c.purchaseId,
    originalPgId: null,
  };
  const subscription = {
    id: row.id,
    customerId: row.customerId,
    cardId: row.cardId,
    planId: row.planId,
    planCode: row.planCode,
    status: "A",
    currency: c.currency,
  };
  const cycle = { pgId: c.pgId, rcode: answer.rcode, rmsg: answer.rmsg, amountMinor: c.amountMinor, seq: c.seq, cycleDay: c.cycleDay };
  return {
    pgId: c.pgId,
    subscriptionId: row.id,
    rcode: answer.rcode,
    rmsg: answer.rmsg,
    authCode: answer.authCode,
    approvedMinor: BigInt(answer.approvedMinor),
    settlesAt,
    nextSeq: next.nextSeq,
    dueDay: next.dueDay,
    events: [
      { eventId: randomHexId(), type: "transaction_approved", payload: JSON.stringify(transactionEventData(transaction)) },
      { eventId: randomHexId(), type: "subscription_payment_success", payload: JSON.stringify(subscriptionEventData(subscription, cycle)) },
    ],
  };
}

async function run(store: BillingFloorStore, merchantId: bigint, today: number): Promise<{ cycles: number; ms: number; firstMs: number }> {
  const started = performance.now();
  let cycles = 0;
  let firstMs = 0;
  for (;;) {
    const rows = await store.due(merchantId, today, BATCH);
    if (rows.length === 0) break;
    const now = new Date();
    const charges = rows.map((row) => reserved(merchantId, row, now));
    await store.reserve(merchantId, charges, sandboxConnector.name, now);
    const answered = new Date();
    const approved: ApprovedCharge[] = [];
    for (const [index, row] of rows.entries()) approved.push(await charge(merchantId, row, charges[index]!, answered));
    await store.record(merchantId, approved, new Date());
    cycles += rows.length;
    firstMs ||= performance.now() - started;
  }
  return { cycles, ms: performance.now() - started, firstMs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [merchantId, today] = process.argv.slice(2);
  if (!merchantId || !today) throw new Error("usage: billing-floor.ts <merchantId> <today>");
  const env = getEnv();
  // The keys are loaded before the clock starts, as a worker loads them at its start.
  getKeyring();
  const store =
    env.databaseProvider === "sqlite" ? await openSqliteBillingStore(env.DATABASE_URL.replace(/^file:/, "")) : await openPostgresBillingStore(env.DATABASE_URL);
  try {
    const figures = await run(store, BigInt(merchantId), Number(today));
    console.log(JSON.stringify({ ...figures, ms: Math.round(figures.ms), firstMs: Math.round(figures.firstMs) }));
  } finally {
    await store.close();
  }
}
