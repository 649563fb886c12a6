import { describe, expect, it } from "vitest";
import { AddPlanFormSchema, EditPlanFormSchema, type PlanFormValues } from "./form-schemas";

const blank: PlanFormValues = {
  plan_code: "GOLD",
  plan_name: "Gold",
  plan_desc: "Gold, monthly",
  plan_frequency: "3",
  interval: "1",
  until_cancelled: true,
  plan_duration: "",
  amt_tran: "19.99",
  tran_currency: "840",
  trial_duration: "0",
  amt_trial: "",
  amt_setup: "",
  bill_specific_day: false,
  day_of_week: "",
  day_of_month: "",
  month: "",
  prorate_first_pmt: false,
  amt_prorate: "",
  dba_suffix: "",
};

describe("the plan form", () => {
  it("turns a simple form into the API's body, with the defaults the API would take", () => {
    expect(AddPlanFormSchema.parse(blank)).toEqual({
      plan_code: "GOLD",
      plan_name: "Gold",
      plan_desc: "Gold, monthly",
      plan_frequency: 3,
      interval: 1,
      plan_duration: -1,
      amt_tran: "19.99",
      tran_currency: "840",
      trial_duration: 0,
      amt_setup: "0",
      bill_specific_day: false,
      prorate_first_pmt: false,
    });
  });

  it("sends the fields a plan billed on a specific day uses, and leaves out those its frequency hides", () => {
    const annual = AddPlanFormSchema.parse({
      ...blank,
      plan_frequency: "6",
      interval: "4",
      until_cancelled: false,
      plan_duration: "3",
      bill_specific_day: true,
      day_of_week: "2",
      day_of_month: "15",
      month: "7",
      prorate_first_pmt: true,
      dba_suffix: "END PROMO",
    });
    expect(annual).toMatchObject({ plan_frequency: 6, interval: 1, plan_duration: 3, bill_specific_day: true, day_of_month: 15, month: 7, amt_prorate: "0" });
    expect(annual).not.toHaveProperty("day_of_week");
    expect(annual.dba_suffix).toBe("END PROMO");

    const weekly = EditPlanFormSchema.parse({ ...blank, plan_frequency: "0", interval: "2", bill_specific_day: true, day_of_week: "6", day_of_month: "15" });
    expect(weekly).toMatchObject({ plan_frequency: 0, interval: 2, day_of_week: 6 });
    expect(weekly).not.toHaveProperty("day_of_month");
    expect(weekly).not.toHaveProperty("plan_code");

    // A daily plan cannot bill on a specific day: the box is not sent as ticked.
    expect(EditPlanFormSchema.parse({ ...blank, plan_frequency: "7", bill_specific_day: true, day_of_month: "3" })).toMatchObject({
      plan_frequency: 7,
      bill_specific_day: false,
    });
  });

  it("neither checks nor sends a value typed into a field the form then hid", () => {
    const quarterly = EditPlanFormSchema.safeParse({ ...blank, plan_frequency: "4", interval: "100", day_of_week: "9", amt_prorate: "x", plan_duration: "0" });
    expect(quarterly.success).toBe(true);
    expect(quarterly.data).toMatchObject({ plan_frequency: 4, interval: 1, plan_duration: -1 });
    expect(quarterly.data).not.toHaveProperty("day_of_week");
    expect(quarterly.data).not.toHaveProperty("amt_prorate");
  });

  it("sends a trial's amount only with a trial, 0 when left empty", () => {
    expect(EditPlanFormSchema.parse({ ...blank, trial_duration: "2" })).toMatchObject({ trial_duration: 2, amt_trial: "0" });
    expect(EditPlanFormSchema.parse({ ...blank, trial_duration: "0", amt_trial: "5" })).not.toHaveProperty("amt_trial");
  });

  it("names each bad field in the API's words", () => {
    const result = AddPlanFormSchema.safeParse({
      ...blank,
      plan_code: "no spaces",
      plan_name: "",
      interval: "100",
      until_cancelled: false,
      plan_duration: "",
      amt_tran: "ten",
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(messages).toEqual({
      plan_code: "must be 1 to 16 letters and digits",
      plan_name: "is required",
      interval: "must be from 1 to 99",
      plan_duration: "is required: a number of cycles, or until cancelled",
      amt_tran: "must be an amount such as 25 or 25.50",
    });
    const noDuration = AddPlanFormSchema.safeParse({ ...blank, until_cancelled: false, plan_duration: "" });
    expect(noDuration.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["plan_duration", "is required: a number of cycles, or until cancelled"],
    ]);
  });
});
