"use client";
import { forwardRef, useState, type ReactNode, type SelectHTMLAttributes } from "react";
import { useRouter } from "next/navigation";
import { useForm, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { FIELD_PARSE_PARAMS } from "@/lib/errors/zod-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { TextField } from "@/components/ui/text-field";
import { AddPlanFormSchema, EditPlanFormSchema, planFormShows, type PlanFormValues } from "@/lib/billing/plans/form-schemas";
import { DBA_SUFFIXES, type PlanResponse } from "@/lib/billing/plans/schemas";
import { fieldMessage } from "../customers/format";
import { CurrencySelect } from "../payments/currency-select";
import { usePortal } from "../portal-context";
import { isValidationFailure, portalRequest } from "../portal-fetch";
import { dayOfMonthWords, FREQUENCY_CHOICES, MONTHS, WEEKDAYS } from "./format";

type Name = keyof PlanFormValues;

const LABELS: Record<Name, string> = {
  plan_code: "Plan code",
  plan_name: "Name",
  plan_desc: "Description",
  plan_frequency: "Billed",
  interval: "Every how many",
  until_cancelled: "Bill until cancelled",
  plan_duration: "Number of cycles",
  amt_tran: "Amount each cycle",
  tran_currency: "Currency",
  trial_duration: "Trial cycles",
  amt_trial: "Trial amount each cycle",
  amt_setup: "Setup fee",
  bill_specific_day: "Bill on a specific day",
  day_of_week: "Day of the week",
  day_of_month: "Day of the month",
  month: "Month",
  prorate_first_pmt: "Prorate the first payment",
  amt_prorate: "Prorated amount",
  dba_suffix: "Statement suffix",
};

/** The form's values for a plan version (a new plan's defaults without one). */
export function planFormValues(plan?: PlanResponse): PlanFormValues {
  const text = (n: number | undefined) => (n === undefined ? "" : String(n));
  return {
    plan_code: plan?.plan_code ?? "",
    plan_name: plan?.plan_name ?? "",
    plan_desc: plan?.plan_desc ?? "",
    plan_frequency: text(plan?.plan_frequency ?? 3),
    interval: text(plan?.interval ?? 1),
    until_cancelled: plan ? plan.plan_duration === -1 : true,
    plan_duration: plan && plan.plan_duration !== -1 ? String(plan.plan_duration) : "",
    amt_tran: plan ? String(plan.amt_tran) : "",
    tran_currency: plan?.tran_currency ?? "840",
    trial_duration: text(plan?.trial_duration ?? 0),
    amt_trial: plan && plan.trial_duration > 0 ? String(plan.amt_trial) : "",
    amt_setup: plan && plan.amt_setup > 0 ? String(plan.amt_setup) : "",
    bill_specific_day: plan?.bill_specific_day ?? false,
    day_of_week: text(plan?.day_of_week),
    day_of_month: text(plan?.day_of_month),
    month: text(plan?.month),
    prorate_first_pmt: plan?.prorate_first_pmt ?? false,
    amt_prorate: plan?.amt_prorate ? String(plan.amt_prorate) : "",
    dba_suffix: plan?.dba_suffix ?? "",
  };
}

type Props =
  | { mode: "new" }
  | {
      mode: "edit";
      plan: PlanResponse;
      /** Subscriptions on this version: with any, saving makes a new version. */
      subscriptions: number;
    };

/**
 * A plan's terms: a new plan, or the active version's edit. The form is
 * checked with the same schema as the portal's route; the vault's rules
 * between fields come back named by field and are shown beside them. On a
 * version with subscriptions the form says that saving makes a new version.
 */
export function PlanForm(props: Props) {
  const { csrf } = usePortal();
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const isNew = props.mode === "new";
  const makesVersion = props.mode === "edit" && props.subscriptions > 0;
  const { register, handleSubmit, setError, formState, watch, getValues } = useForm<PlanFormValues, unknown, unknown>({
    resolver: zodResolver(isNew ? AddPlanFormSchema : EditPlanFormSchema, FIELD_PARSE_PARAMS) as unknown as Resolver<PlanFormValues, unknown, unknown>,
    defaultValues: planFormValues(isNew ? undefined : props.plan),
    shouldFocusError: true,
  });
  const shows = planFormShows({
    plan_frequency: Number(watch("plan_frequency")),
    bill_specific_day: watch("bill_specific_day"),
    trial_duration: Number(watch("trial_duration")) || 0,
    prorate_first_pmt: watch("prorate_first_pmt"),
  });
  const untilCancelled = watch("until_cancelled");
  const frequency = Number(watch("plan_frequency"));

  const onSubmit = handleSubmit(
    async () => {
      setProblem(null);
      // The route parses the form's own values with the same schema.
      const body = getValues();
      const answer = isNew
        ? await portalRequest<PlanResponse>("/portal/api/plans", { csrf, body })
        : await portalRequest<PlanResponse>(`/portal/api/plans/${props.plan.plan_code}`, { csrf, method: "PUT", body });
      if (answer.ok) {
        const code = answer.data.plan_code;
        const done = isNew ? "created=1" : answer.data.plan_id !== props.plan.plan_id ? `versioned=${answer.data.plan_id}` : "saved=1";
        router.push(`/portal/plans/${code}?${done}`);
        router.refresh();
        return;
      }
      for (const [field, message] of Object.entries(answer.fields)) if (field in LABELS) setError(field as Name, { message });
      if (answer.status === 409 && isNew) setError("plan_code", { message: answer.message });
      setProblem(isValidationFailure(answer) ? "Please correct the highlighted fields." : answer.message);
    },
    () => setProblem("Please correct the highlighted fields."),
  );

  const errorOf = (name: Name) => {
    const message = formState.errors[name]?.message;
    return message ? fieldMessage(LABELS[name], message) : undefined;
  };
  const text = (name: Name, extra: { hint?: string; inputMode?: "decimal" | "numeric"; className?: string } = {}) => (
    <TextField label={LABELS[name]} autoComplete="off" error={errorOf(name)} {...extra} {...register(name)} />
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-label={isNew ? "New plan" : `Edit plan ${props.plan.plan_code}`}>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {props.mode === "edit" ? (
        <Alert tone="info">
          {makesVersion ? (
            <>
              {props.subscriptions === 1 ? "1 subscription is" : `${props.subscriptions} subscriptions are`} on this version (plan_id {props.plan.plan_id}).
              Saving archives it and makes a new version of {props.plan.plan_code} with a new plan_id: those subscriptions keep the terms they joined with, and
              new subscriptions join the new version.
            </>
          ) : (
            <>No subscription is on this version (plan_id {props.plan.plan_id}), so saving changes it in place.</>
          )}
        </Alert>
      ) : null}

      <Fieldset legend="The plan">
        {isNew ? text("plan_code", { hint: "1 to 16 letters and digits, yours to choose; unique among your active plans." }) : null}
        {text("plan_name")}
        {text("plan_desc", { className: "sm:col-span-2" })}
      </Fieldset>

      <Fieldset legend="Amount and schedule">
        {text("amt_tran", { inputMode: "decimal" })}
        <CurrencySelect id="field-tran_currency" {...register("tran_currency")} />
        <SelectField label={LABELS.plan_frequency} error={errorOf("plan_frequency")} {...register("plan_frequency")}>
          {FREQUENCY_CHOICES.map(([code, words]) => (
            <option key={code} value={code}>
              {words}
            </option>
          ))}
        </SelectField>
        {shows.interval
          ? text("interval", { inputMode: "numeric", hint: frequency === 0 ? "Weeks between charges (1 to 99)." : "Months between charges (1 to 99)." })
          : null}
        <div className="space-y-2 sm:col-span-2">
          <CheckboxField label={LABELS.until_cancelled} {...register("until_cancelled")} />
          {untilCancelled ? null : text("plan_duration", { inputMode: "numeric", hint: "Recurring cycles to bill, 1 to 9999 (a trial's cycles come on top)." })}
        </div>
      </Fieldset>

      {shows.billSpecificDay ? (
        <Fieldset legend="Billing day">
          <div className="sm:col-span-2">
            <CheckboxField
              label={LABELS.bill_specific_day}
              hint="Otherwise each subscription bills on the day it starts."
              error={errorOf("bill_specific_day")}
              {...register("bill_specific_day")}
            />
          </div>
          {shows.dayOfWeek ? (
            <SelectField label={LABELS.day_of_week} error={errorOf("day_of_week")} {...register("day_of_week")}>
              <option value="">Choose a day</option>
              {WEEKDAYS.map((day, i) => (
                <option key={day} value={i + 1}>
                  {day}
                </option>
              ))}
            </SelectField>
          ) : null}
          {shows.month ? (
            <SelectField label={LABELS.month} error={errorOf("month")} {...register("month")}>
              <option value="">Choose a month</option>
              {MONTHS.map((month, i) => (
                <option key={month} value={i + 1}>
                  {month}
                </option>
              ))}
            </SelectField>
          ) : null}
          {shows.dayOfMonth ? (
            <SelectField
              label={LABELS.day_of_month}
              hint="In a shorter month, a day past its end bills on its last day."
              error={errorOf("day_of_month")}
              {...register("day_of_month")}
            >
              <option value="">Choose a day</option>
              {Array.from({ length: 32 }, (_, i) => i + 1).map((day) => (
                <option key={day} value={day}>
                  {dayOfMonthWords(day)}
                </option>
              ))}
            </SelectField>
          ) : null}
          {shows.prorate ? (
            <div className="space-y-2 sm:col-span-2">
              <CheckboxField
                label={LABELS.prorate_first_pmt}
                hint="Charge the days from the start to the first billing day as one payment on the start day."
                error={errorOf("prorate_first_pmt")}
                {...register("prorate_first_pmt")}
              />
              {shows.amtProrate ? text("amt_prorate", { inputMode: "decimal", hint: "Leave it empty to compute it from the days." }) : null}
            </div>
          ) : null}
        </Fieldset>
      ) : null}

      <Fieldset legend="Trial and fees">
        {text("trial_duration", { inputMode: "numeric", hint: "Cycles billed at the trial amount before the recurring ones (0 to 99)." })}
        {shows.amtTrial ? text("amt_trial", { inputMode: "decimal", hint: "Empty or 0: a free trial." }) : null}
        {text("amt_setup", { inputMode: "decimal", hint: "Charged once, when a subscription is added. Empty: none." })}
        <SelectField label={LABELS.dba_suffix} hint="Added to the card statement's descriptor." error={errorOf("dba_suffix")} {...register("dba_suffix")}>
          {/* The API cannot remove a suffix once set: an edited plan that has one offers only the others. */}
          {isNew || !props.plan.dba_suffix ? <option value="">None</option> : null}
          {DBA_SUFFIXES.map((suffix) => (
            <option key={suffix} value={suffix}>
              {suffix}
            </option>
          ))}
        </SelectField>
      </Fieldset>

      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : isNew ? "Create plan" : makesVersion ? "Save as a new version" : "Save changes"}
        </Button>
        <a href={isNew ? "/portal/plans" : `/portal/plans/${props.plan.plan_code}`} className={buttonClass("secondary")}>
          Cancel
        </a>
      </div>
    </form>
  );
}

function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-3">
      <legend className="text-base font-semibold text-slate-900">{legend}</legend>
      <div className="grid gap-4 sm:grid-cols-2">{children}</div>
    </fieldset>
  );
}

type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & { label: string; name: string; hint?: string; error?: string };

/** A labelled choice, its hint and error tied to it as TextField ties them. */
const SelectField = forwardRef<HTMLSelectElement, SelectProps>(function SelectField({ label, name, hint, error, children, ...rest }, ref) {
  const id = `field-${name}`;
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="mt-0.5 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <select
        ref={ref}
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 ${error ? "border-red-700" : "border-slate-400"}`}
        {...rest}
      >
        {children}
      </select>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
});

type CheckboxProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, "type"> & { label: string; name: string; hint?: string; error?: string };

/** A labelled checkbox, its hint and error tied to it. */
const CheckboxField = forwardRef<HTMLInputElement, CheckboxProps>(function CheckboxField({ label, name, hint, error, ...rest }, ref) {
  const id = `field-${name}`;
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <div className="flex items-center gap-2">
        <input
          ref={ref}
          id={id}
          name={name}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          className="size-4 rounded border-slate-400 accent-blue-700"
          {...rest}
        />
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="mt-0.5 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
});
