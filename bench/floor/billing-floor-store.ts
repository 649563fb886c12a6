// What the billing floor (bench/billing-floor.ts) asks of its database, the
// same on SQLite and PostgreSQL: a batch of due subscriptions read with their
// cards, the batch's ledger rows and pending transactions written in one
// transaction, and the batch's outcomes in another. Each store runs them on
// the product's own driver (better-sqlite3, pg) with nothing in between.

/** A due subscription as the floor reads it: its terms and cursor, with its vault card's columns (lib/payments/charge-card-source.ts reads the same). */
export type DueRow = {
  id: number;
  customerId: string;
  customerPk: number;
  cardId: string;
  planId: number | null;
  planCode: string | null;
  currency: number;
  purchaseId: string | null;
  frequency: number;
  interval: number;
  duration: number;
  trialDuration: number;
  trialMinor: bigint;
  amountMinor: bigint;
  billSpecificDay: boolean;
  dayOfWeek: number | null;
  dayOfMonth: number | null;
  month: number | null;
  prorateFirstPayment: boolean;
  prorateMinor: bigint | null;
  dateStart: string;
  nextSeq: number;
  nextAttempt: number;
  maskedNumber: string;
  cardType: string;
  expDate: string;
  fingerprint: string;
  sealedNumber: Uint8Array;
};

/** One charge's ledger row and pending transaction (lib/billing/run/charge-writes.ts reserveChargeSql). */
export type ReservedCharge = {
  subscriptionId: number;
  seq: number;
  attempt: number;
  kind: string;
  cycleDay: number;
  amountMinor: bigint;
  currency: number;
  pgId: string;
  merchRefNum: string;
  purchaseId: string | null;
  cardId: string;
  customerId: string;
  maskedNumber: string;
  cardType: string;
  fingerprint: string;
};

/** One approved charge's outcome: the transaction's, the ledger row's, the subscription's next cycle, its two events and its audit row. */
export type ApprovedCharge = {
  pgId: string;
  subscriptionId: number;
  rcode: string;
  rmsg: string;
  authCode: string;
  approvedMinor: bigint;
  settlesAt: Date;
  nextSeq: number;
  dueDay: number;
  events: { eventId: string; type: string; payload: string }[];
};

export interface BillingFloorStore {
  /** Up to `limit` of the merchant's active subscriptions due on `today` and not being charged, oldest due first. */
  due(merchantId: bigint, today: number, limit: number): Promise<DueRow[]>;
  /** The ledger rows, the transactions (outcome unknown) and the subscriptions marked as charging them, in one transaction. */
  reserve(merchantId: bigint, charges: ReservedCharge[], connector: string, now: Date): Promise<void>;
  /** The outcomes, in one transaction. */
  record(merchantId: bigint, approved: ApprovedCharge[], now: Date): Promise<void>;
  close(): Promise<void>;
}

/** The product's actor and audit action for a subscription's charge (lib/billing/run/charge-writes.ts). */
export const BILLING_ACTOR = "billing";
export const CHARGE_AUDIT_ACTION = "subscription.charge";

/** The due read: the subscription joined to its card, as the run's claim and card read find them between them. */
export const DUE_COLUMNS = `s."id", s."customerId", cu."id" AS "customerPk", s."cardId", s."planId", s."planCode", s."currency", s."purchaseId",
  s."frequency", s."interval", s."duration", s."trialDuration", s."trialMinor", s."amountMinor", s."billSpecificDay", s."dayOfWeek",
  s."dayOfMonth", s."month", s."prorateFirstPayment", s."prorateMinor", s."dateStart", s."nextSeq", s."nextAttempt",
  c."maskedNumber", c."cardType", c."expDate", c."fingerprint", c."sealedNumber"`;
export const DUE_FROM = `FROM "Subscription" s
  JOIN "Card" c ON c."id" = s."cardId" AND c."merchantId" = s."merchantId"
  JOIN "Customer" cu ON cu."id" = c."customerPk"`;
