import { describe, expect, it } from "vitest";
import { EnrolmentFormSchema } from "./form-schemas";

// The enrolment form's schema, as the browser's resolver and the route both
// run it: a day is read only for an enrolment, and refused outside 1-28 in
// the server's own words.
describe("EnrolmentFormSchema", () => {
  it("reads an enrolment's day as typed, and an unenrolment without one", () => {
    expect(EnrolmentFormSchema.parse({ enrolled: true, harvest_day: " 15 " })).toEqual({ enrolled: true, harvest_day: 15 });
    expect(EnrolmentFormSchema.parse({ enrolled: true, harvest_day: "28" })).toEqual({ enrolled: true, harvest_day: 28 });
    expect(EnrolmentFormSchema.parse({ enrolled: false, harvest_day: "99" })).toEqual({ enrolled: false });
    expect(EnrolmentFormSchema.parse({ enrolled: false })).toEqual({ enrolled: false });
  });

  it.each([
    ["0", "must be a whole number from 1 to 28"],
    ["29", "must be a whole number from 1 to 28"],
    ["1.5", "must be a whole number from 1 to 28"],
    ["-3", "must be a whole number from 1 to 28"],
    ["abc", "must be a whole number from 1 to 28"],
    ["", "is required"],
    [undefined, "is required"],
  ])("refuses the day %j of an enrolment: %s", (day, message) => {
    const parsed = EnrolmentFormSchema.safeParse({ enrolled: true, harvest_day: day });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["harvest_day", message]]);
  });
});
