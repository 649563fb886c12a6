// The billing bench's checks that the work measured is the work asked for
// (bench/billing-run.ts runs them after the product's run and after the
// floor's, before it reports a figure):
// - what the database holds after each: every subscription charged once for
//   the cycle, approved and captured in full, moved on to the next cycle, no
//   claim or charging mark left behind, two events and one audit row per
//   charge (billingProblems);
// - that the floor wrote what the product wrote: one subscription's cycle
//   charged by the product and its next cycle charged by the floor, row by
//   row, equal but for what must differ between two charges (ids, pg_ids,
//   auth codes, times, the cycle's number and date) (rowDifferences).
import type { BillingReport, CycleRows } from "./billing-database";

/**
 * What is wrong with the database after cycles 1..`throughCycle` of
 * `subscriptions` subscriptions were charged, each approved once; [] when
 * nothing is.
 */
export function billingProblems(report: BillingReport, subscriptions: number, throughCycle: number): string[] {
  const problems: string[] = [];
  const expect = (what: string, actual: unknown, wanted: unknown) => {
    if (actual !== wanted) problems.push(`${what}: ${actual ?? "none"}, expected ${wanted}`);
  };
  const charges = subscriptions * throughCycle;
  expect("subscriptions", report.subscriptions, subscriptions);
  for (let seq = 1; seq <= throughCycle; seq++) expect(`cycle ${seq} ledger rows approved`, report.ledger[`${seq}/approved`], subscriptions);
  expect(
    "ledger rows",
    Object.values(report.ledger).reduce((a, b) => a + b, 0),
    charges,
  );
  expect("most ledger rows of one subscription's cycle", report.mostRowsPerCycle, 1);
  expect(`subscriptions on cycle ${throughCycle + 1}`, report.byNextSeq[String(throughCycle + 1)], subscriptions);
  expect("subscriptions still claimed", report.claimed, 0);
  expect("subscriptions still charging", report.charging, 0);
  expect("captured transactions", report.transactions.C, charges);
  expect(
    "transactions of subscriptions",
    Object.values(report.transactions).reduce((a, b) => a + b, 0),
    charges,
  );
  expect("transactions captured in full with an auth code and a settlement date", report.capturedInFull, charges);
  expect("transaction_approved events", report.events.transaction_approved, charges);
  expect("subscription_payment_success events", report.events.subscription_payment_success, charges);
  expect("subscription.charge audit rows", report.audit["subscription.charge"], charges);
  return problems;
}

/** Columns that differ between any two charges: their own ids and times. */
const OWN_COLUMNS = new Set(["id", "eventId", "createdAt", "updatedAt", "fannedOutAt", "seq", "attempt", "cycleDay"]);
/** Event data that names the cycle. */
const OWN_DATA = new Set(["cycle", "cycle_date"]);

/** A row with its own ids and times left out and the charge's pg_id, auth code and merch_ref_num named, not spelled. */
function comparable(row: Record<string, unknown>, charge: { pgId: string; authCode: string; merchRefNum: string }): Record<string, unknown> {
  const named = (value: unknown): unknown =>
    typeof value === "string"
      ? value.replaceAll(charge.pgId, "<pg_id>").replaceAll(charge.authCode, "<auth_code>").replaceAll(charge.merchRefNum, "<merch_ref_num>")
      : value;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (OWN_COLUMNS.has(key)) continue;
    if (key === "payload" && typeof value === "string") {
      const data = JSON.parse(value) as Record<string, unknown>;
      out[key] = Object.fromEntries(Object.entries(data).flatMap(([k, v]) => (OWN_DATA.has(k) ? [] : [[k, named(v)]])));
    } else out[key] = named(value);
  }
  return out;
}

function describeRows(rows: CycleRows) {
  const charge = {
    pgId: String(rows.transaction.pgId),
    authCode: String(rows.transaction.authCode),
    merchRefNum: String(rows.transaction.merchRefNum),
  };
  return {
    ledger: comparable(rows.ledger, charge),
    transaction: comparable(rows.transaction, charge),
    events: rows.events.map((row) => comparable(row, charge)),
    audit: rows.audit.map((row) => comparable(row, charge)),
  };
}

/** Where the floor's rows for a cycle differ from the product's for the cycle before; [] when alike. */
export function rowDifferences(product: CycleRows, floor: CycleRows): string[] {
  const differences: string[] = [];
  const walk = (path: string, a: unknown, b: unknown) => {
    if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const key of keys) walk(`${path}.${key}`, (a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]);
    } else if (a !== b) differences.push(`${path}: product ${JSON.stringify(a)}, floor ${JSON.stringify(b)}`);
  };
  walk("rows", describeRows(product), describeRows(floor));
  return differences;
}
