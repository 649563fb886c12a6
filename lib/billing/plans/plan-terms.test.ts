import { describe, expect, it } from "vitest";
import { ApiError } from "../../errors/api-error";
import { termsFromAdd, termsFromUpdate, type PlanTerms } from "./plan-terms";
import type { AddPlanInput } from "./schemas";

const add: AddPlanInput = { plan_code: "GOLD", plan_name: "Gold", plan_desc: "Gold monthly", plan_frequency: 3, plan_duration: 12, amt_tran: 19.99 };

/** The 400's fields, or [] when the terms are accepted. */
function refusedFields(run: () => unknown): string[] {
  try {
    run();
    return [];
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    expect(error.kind).toBe("validation");
    return Object.keys(error.fields ?? {}).sort();
  }
}

describe("termsFromAdd", () => {
  it("applies the reference's defaults and keeps amounts in minor units", () => {
    expect(termsFromAdd(add)).toEqual({
      name: "Gold",
      description: "Gold monthly",
      frequency: 3,
      interval: 1,
      duration: 12,
      trialDuration: 0,
      trialMinor: 0,
      setupMinor: 0,
      amountMinor: 1999,
      currency: 840,
      billSpecificDay: false,
      dayOfWeek: null,
      dayOfMonth: null,
      month: null,
      prorateFirstPayment: false,
      prorateMinor: null,
      dbaSuffix: null,
    });
  });

  it("reads amounts in the plan's currency: yen have no decimals, dinars three", () => {
    expect(termsFromAdd({ ...add, tran_currency: "392", amt_tran: 1500, amt_setup: "300" })).toMatchObject({
      currency: 392,
      amountMinor: 1500,
      setupMinor: 300,
    });
    expect(refusedFields(() => termsFromAdd({ ...add, tran_currency: "392", amt_tran: 15.5 }))).toEqual(["amt_tran"]);
    expect(termsFromAdd({ ...add, tran_currency: "414", amt_tran: 1.25 })).toMatchObject({ currency: 414, amountMinor: 1250 });
  });

  it("takes amt_prorate 0 as a computed first payment", () => {
    const terms = termsFromAdd({ ...add, bill_specific_day: true, day_of_month: 1, prorate_first_pmt: true, amt_prorate: 0 });
    expect(terms.prorateMinor).toBeNull();
  });

  it("names every field at fault at once", () => {
    expect(refusedFields(() => termsFromAdd({ ...add, amt_tran: -1, amt_setup: "x", interval: 2, plan_frequency: 7 }))).toEqual([
      "amt_setup",
      "amt_tran",
      "interval",
    ]);
    expect(refusedFields(() => termsFromAdd({ ...add, amt_tran: 0 }))).toEqual(["amt_tran"]);
    expect(refusedFields(() => termsFromAdd({ ...add, tran_currency: "999" }))).toEqual(["tran_currency"]);
  });
});

describe("termsFromUpdate", () => {
  const specific: PlanTerms = termsFromAdd({ ...add, bill_specific_day: true, day_of_month: 15, prorate_first_pmt: true, amt_prorate: 5, interval: 2 });

  it("keeps what is not sent", () => {
    expect(termsFromUpdate(specific, { plan_name: "Gold 2" })).toEqual({ ...specific, name: "Gold 2" });
  });

  it("drops kept fields the change makes inapplicable, and refuses sent ones", () => {
    const weekly = termsFromUpdate(specific, { plan_frequency: 0, day_of_week: 2 });
    expect(weekly).toMatchObject({
      frequency: 0,
      interval: 2,
      billSpecificDay: true,
      dayOfWeek: 2,
      dayOfMonth: null,
      prorateFirstPayment: true,
      prorateMinor: 500,
    });
    const daily = termsFromUpdate(specific, { plan_frequency: 7 });
    expect(daily).toMatchObject({ frequency: 7, interval: 1, billSpecificDay: false, dayOfMonth: null, prorateFirstPayment: false, prorateMinor: null });
    expect(refusedFields(() => termsFromUpdate(specific, { plan_frequency: 7, interval: 2 }))).toEqual(["interval"]);
    expect(refusedFields(() => termsFromUpdate(specific, { plan_frequency: 0 }))).toEqual(["day_of_week"]);
  });

  it("asks for kept amounts again when the currency's minor unit changes", () => {
    expect(refusedFields(() => termsFromUpdate(specific, { tran_currency: "392" }))).toEqual(["amt_prorate", "amt_tran"]);
    expect(termsFromUpdate(specific, { tran_currency: "392", amt_tran: 2000, amt_prorate: 500 })).toMatchObject({
      currency: 392,
      amountMinor: 2000,
      prorateMinor: 500,
    });
    expect(termsFromUpdate(specific, { tran_currency: "978" })).toMatchObject({ currency: 978, amountMinor: 1999 });
  });
});
