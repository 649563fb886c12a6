import { describe, expect, it } from "vitest";
import { z } from "zod";
import { EnrolmentFormSchema } from "../account-updater/form-schemas";
import { AddPlanFormSchema, EditPlanFormSchema } from "../billing/plans/form-schemas";
import { ChangeCardFormSchema } from "../billing/subscription-operations/form-schemas";
import { CreateCheckoutSchema } from "../checkout/schemas";
import { UpstreamGatewayFormSchema } from "../gateway/form-schemas";
import { ApiKeyFormSchema, BrandingFormSchema, OriginFormSchema, RedirectDefaultsFormSchema } from "../merchants/form-schemas";
import { ChargeCardFormSchema, FollowUpFormSchema } from "../payments/form-schemas";
import { AcceptInviteFormSchema, InviteUserFormSchema, SecondFactorFormSchema, SignInFormSchema } from "../users/form-schemas";
import { NewCustomerFormSchema, NewShippingFormSchema } from "../vault/form-schemas";
import { AddWebhookSchema } from "../webhooks/schemas";
import { FIELD_PARSE_PARAMS, zodFieldErrors } from "../errors/zod-fields";

// zod's own wording, which no portal form may show: "Invalid input",
// "Too small: expected string to have >=1 characters", "Invalid option: ...".
const ZOD_WORDING = /^Invalid |^Invalid$|^Too (small|big)|expected .* to have|received /;

const fieldsOf = (schema: z.ZodType) =>
  (schema.safeParse({}, FIELD_PARSE_PARAMS) as z.ZodSafeParseResult<unknown>).error?.issues.map((i) => String(i.path[0])) ?? [];

/** Every message a form's schema answers for what a browser form can send: text in every field, typed badly. */
function messagesFor(schema: z.ZodType): string[] {
  const fields = [...new Set([...fieldsOf(schema), "customer_id", "token", "plan_code", "plan_duration", "amt_setup", "dba_suffix"])];
  const messages: string[] = [];
  for (const value of ["", " ", "x", "-1", "0", "1.5", "abc!", "x".repeat(300), "2026-13-45", "#zz", "javascript:alert(1)"]) {
    const result = schema.safeParse(Object.fromEntries(fields.map((f) => [f, value])), FIELD_PARSE_PARAMS);
    if (!result.success) messages.push(...Object.values(zodFieldErrors(result.error)));
  }
  return messages;
}

// The portal's forms check their fields with these schemas in the browser
// and on the server (lib/errors/zod-fields.ts words what a schema leaves
// unworded); the portal sits above every area, so the check lives here.
describe("the portal forms' field messages", () => {
  it.each(
    Object.entries({
      EnrolmentFormSchema,
      AddPlanFormSchema,
      EditPlanFormSchema,
      ChangeCardFormSchema,
      CreateCheckoutSchema,
      UpstreamGatewayFormSchema,
      ApiKeyFormSchema,
      BrandingFormSchema,
      OriginFormSchema,
      RedirectDefaultsFormSchema,
      ChargeCardFormSchema,
      FollowUpFormSchema,
      AcceptInviteFormSchema,
      InviteUserFormSchema,
      SecondFactorFormSchema,
      SignInFormSchema,
      NewCustomerFormSchema,
      NewShippingFormSchema,
      AddWebhookSchema,
    }),
  )("%s answers in plain words, never in zod's", (_name, schema) => {
    const messages = messagesFor(schema as z.ZodType);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.filter((m) => ZOD_WORDING.test(m))).toEqual([]);
  });

  it("an optional field that is neither empty nor valid says what its rule wants (a union's telling branch)", () => {
    const result = AddPlanFormSchema.safeParse({ plan_duration: "twelve", amt_setup: "five", dba_suffix: "NOPE", until_cancelled: false }, FIELD_PARSE_PARAMS);
    const fields = zodFieldErrors(result.error!);
    expect(fields.plan_duration).toBe("must be a whole number");
    expect(fields.amt_setup).toBe("must be an amount such as 25 or 25.50");
    expect(fields.dba_suffix).toMatch(/^must be one of /);
  });
});
