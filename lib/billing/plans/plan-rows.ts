import "#server-only";
import { majorUnitsIn } from "../../payments/amount";
import type { PlanTerms } from "./plan-terms";
import type { PlanFrequency, PlanResponse, PlanStatus } from "./schemas";

// Plan rows to the API's shape and terms to columns: the one place that
// knows both. Amounts are stored in minor units (BigInt) and answered in
// major units.

/** The columns that hold a plan's terms, which a subscription copies under the same names. */
export const termSelect = {
  description: true,
  frequency: true,
  interval: true,
  duration: true,
  trialDuration: true,
  trialMinor: true,
  setupMinor: true,
  amountMinor: true,
  currency: true,
  billSpecificDay: true,
  dayOfWeek: true,
  dayOfMonth: true,
  month: true,
  prorateFirstPayment: true,
  prorateMinor: true,
} as const;

export const planSelect = {
  id: true,
  merchantId: true,
  code: true,
  status: true,
  name: true,
  ...termSelect,
  dbaSuffix: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type PlanRow = {
  id: number;
  merchantId: bigint;
  code: string;
  status: string;
  name: string;
  description: string;
  frequency: number;
  interval: number;
  duration: number;
  trialDuration: number;
  trialMinor: bigint;
  setupMinor: bigint;
  amountMinor: bigint;
  currency: number;
  billSpecificDay: boolean;
  dayOfWeek: number | null;
  dayOfMonth: number | null;
  month: number | null;
  prorateFirstPayment: boolean;
  prorateMinor: bigint | null;
  dbaSuffix: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** The columns that hold a plan's terms. */
export function termColumns(terms: PlanTerms) {
  return {
    name: terms.name,
    description: terms.description,
    frequency: terms.frequency,
    interval: terms.interval,
    duration: terms.duration,
    trialDuration: terms.trialDuration,
    trialMinor: BigInt(terms.trialMinor),
    setupMinor: BigInt(terms.setupMinor),
    amountMinor: BigInt(terms.amountMinor),
    currency: terms.currency,
    billSpecificDay: terms.billSpecificDay,
    dayOfWeek: terms.dayOfWeek,
    dayOfMonth: terms.dayOfMonth,
    month: terms.month,
    prorateFirstPayment: terms.prorateFirstPayment,
    prorateMinor: terms.prorateMinor === null ? null : BigInt(terms.prorateMinor),
    dbaSuffix: terms.dbaSuffix,
  };
}

/** A stored plan's terms, for an update to merge into. */
export function rowTerms(row: PlanRow): PlanTerms {
  return {
    name: row.name,
    description: row.description,
    frequency: row.frequency as PlanFrequency,
    interval: row.interval,
    duration: row.duration,
    trialDuration: row.trialDuration,
    trialMinor: Number(row.trialMinor),
    setupMinor: Number(row.setupMinor),
    amountMinor: Number(row.amountMinor),
    currency: row.currency,
    billSpecificDay: row.billSpecificDay,
    dayOfWeek: row.dayOfWeek,
    dayOfMonth: row.dayOfMonth,
    month: row.month,
    prorateFirstPayment: row.prorateFirstPayment,
    prorateMinor: row.prorateMinor === null ? null : Number(row.prorateMinor),
    dbaSuffix: row.dbaSuffix as PlanTerms["dbaSuffix"],
  };
}

export function planToResponse(row: PlanRow): PlanResponse {
  const amount = (minor: bigint) => majorUnitsIn(minor, row.currency);
  const response: PlanResponse = {
    merchant_id: Number(row.merchantId),
    plan_id: row.id,
    plan_code: row.code,
    plan_name: row.name,
    plan_desc: row.description,
    plan_frequency: row.frequency as PlanFrequency,
    interval: row.interval,
    plan_duration: row.duration,
    status: row.status as PlanStatus,
    trial_duration: row.trialDuration,
    amt_trial: amount(row.trialMinor),
    amt_setup: amount(row.setupMinor),
    amt_tran: amount(row.amountMinor),
    tran_currency: String(row.currency).padStart(3, "0"),
    bill_specific_day: row.billSpecificDay,
    prorate_first_pmt: row.prorateFirstPayment,
    db_timestamp: row.createdAt.toISOString(),
    mod_timestamp: row.updatedAt.toISOString(),
  };
  if (row.dayOfWeek !== null) response.day_of_week = row.dayOfWeek;
  if (row.dayOfMonth !== null) response.day_of_month = row.dayOfMonth;
  if (row.month !== null) response.month = row.month;
  if (row.prorateMinor !== null) response.amt_prorate = amount(row.prorateMinor);
  if (row.dbaSuffix !== null) response.dba_suffix = row.dbaSuffix as PlanResponse["dba_suffix"];
  return response;
}
