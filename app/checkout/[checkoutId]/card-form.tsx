"use client";
import { useActionState } from "react";
import { REDISPLAYED_FIELDS } from "@/lib/checkout/hosted-form-schema";
import type { CardFormState } from "./actions";
import styles from "../checkout.module.css";

type Field = {
  name: string;
  label: string;
  autoComplete: string;
  numeric?: boolean;
  required?: boolean;
  hint?: string;
};

// Names and autocomplete tokens browsers and password managers know
// (DESIGN.md, pinned details: one expiry field, cc-exp).
const FIELDS: Field[] = [
  { name: "card_number", label: "Card number", autoComplete: "cc-number", numeric: true, required: true },
  { name: "exp_date", label: "Expiry date", autoComplete: "cc-exp", numeric: true, required: true, hint: "MM/YY" },
  { name: "cvv2", label: "Security code", autoComplete: "cc-csc", numeric: true, required: true, hint: "3 or 4 digits" },
  { name: "cardholder_name", label: "Name on card", autoComplete: "cc-name" },
  { name: "billing_addr1", label: "Billing address", autoComplete: "billing address-line1" },
  { name: "billing_city", label: "City", autoComplete: "billing address-level2" },
  { name: "billing_state", label: "State", autoComplete: "billing address-level1" },
  { name: "billing_zip", label: "ZIP or postal code", autoComplete: "billing postal-code", required: true },
];

type SubmitCard = (previous: CardFormState, formData: FormData) => Promise<CardFormState>;

// `submit` is the server action already bound to the link by the page.
// Binding it here instead, during this component's render, made React's
// server renderer loop forever (one CPU at 100%) when it rendered the state a
// JavaScript-free form post returned (seen with Next 16.4 and React 19.3;
// tests/api/hosted-page.test.ts posts such forms).
export function CardForm({ submit, cardholderName, csrfToken }: { submit: SubmitCard; cardholderName: string; csrfToken: string }) {
  const [state, formAction, pending] = useActionState<CardFormState, FormData>(submit, {
    errors: {},
    values: { cardholder_name: cardholderName },
  });
  const errorCount = Object.keys(state.errors).length;
  return (
    <form action={formAction} className={styles.form} noValidate>
      <input type="hidden" name="csrf_token" value={csrfToken} />
      {errorCount > 0 ? (
        <div role="alert" className={styles.summary}>
          <p>{state.errors.form ?? `Please check ${errorCount === 1 ? "the field" : `the ${errorCount} fields`} marked below.`}</p>
          {state.attemptsLeft !== undefined ? <p>Attempts left on this link: {state.attemptsLeft}</p> : null}
        </div>
      ) : null}
      {FIELDS.map((field) => {
        const error = state.errors[field.name];
        const described = [field.hint ? `${field.name}-hint` : "", error ? `${field.name}-error` : ""].filter(Boolean).join(" ");
        return (
          <div key={field.name} className={styles.field}>
            <label htmlFor={field.name}>
              {field.label}
              {field.required ? null : <span className={styles.optional}> (optional)</span>}
            </label>
            {field.hint ? (
              <span id={`${field.name}-hint`} className={styles.hint}>
                {field.hint}
              </span>
            ) : null}
            <input
              id={field.name}
              name={field.name}
              type="text"
              inputMode={field.numeric ? "numeric" : undefined}
              autoComplete={field.autoComplete}
              required={field.required}
              defaultValue={REDISPLAYED_FIELDS.includes(field.name) ? (state.values[field.name] ?? "") : ""}
              aria-invalid={error ? true : undefined}
              aria-describedby={described || undefined}
            />
            {error ? (
              <span id={`${field.name}-error`} className={styles.error}>
                {error}
              </span>
            ) : null}
          </div>
        );
      })}
      <button type="submit" className={styles.submit} disabled={pending}>
        {pending ? "Saving…" : "Save card"}
      </button>
    </form>
  );
}
