import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import {
  ADDRESS_FIELDS,
  HostedCardFormSchema,
  REDISPLAYED_FIELDS,
  securityCodeLength,
  type HostedCardForm,
  type HostedCardFormValues,
} from "@/lib/checkout/form-schemas";
import type { CardFormState } from "@/lib/checkout/submit-card-form";
import type { MessageId, MessageKey, Translate } from "@/lib/i18n/messages";
import { DEFAULT_COUNTRY, hasPostalCode, postalCodeKind } from "@/lib/checkout/billing-country";
import { cardBrandOf } from "@/lib/checkout/card-brand";
import { brandIconsPadding, brandsShown, CardBrandIcons } from "./card-brand-icons";
import { formattingAsTyped } from "./format-as-typed-field";
import { useTranslate } from "./translate-context";

// The hosted card form. The server renders it with React; in the browser a
// small script (card-form.island.tsx, built on preact/compat to stay inside
// the page's JavaScript budget, docs/decisions/006) takes it over: the same
// zod schema as the server checks fields as they are left, the number and
// expiry are formatted and the brand's mark shows as they are typed
// (docs/decisions/020), and a valid form is then posted as a plain form.
// Without JavaScript the form posts as it is and the server answers. Its
// words are the page's messages (lib/i18n), in the page's language.

export const CARD_FORM_ROOT_ID = "card-form";
export const CARD_FORM_PROPS_ID = "card-form-props";

type FieldName = keyof HostedCardFormValues;
type Field = { name: FieldName; label: MessageId; autoComplete: string; numeric?: boolean; required?: boolean };

// Names and autocomplete tokens browsers and password managers know: one
// expiry field with cc-exp, because autofill fills it as one value
// (docs/api-contract.md, Checkout links).
const NUMBER: Field = { name: "card_number", label: "field.card_number", autoComplete: "cc-number", numeric: true, required: true };
const EXPIRY: Field = { name: "exp_date", label: "field.exp_date", autoComplete: "cc-exp", numeric: true, required: true };
const CODE: Field = { name: "cvv2", label: "field.cvv2", autoComplete: "cc-csc", numeric: true, required: true };
const NAME: Field = { name: "cardholder_name", label: "field.cardholder_name", autoComplete: "cc-name" };
const ADDRESS_LINE: Field = { name: "billing_addr1", label: "field.billing_addr1", autoComplete: "billing address-line1" };
const CITY: Field = { name: "billing_city", label: "field.billing_city", autoComplete: "billing address-level2" };
const STATE: Field = { name: "billing_state", label: "field.billing_state", autoComplete: "billing address-level1" };
const POSTAL: Field = { name: "billing_zip", label: "field.billing_zip", autoComplete: "billing postal-code", required: true };

export type CardFormProps = {
  /** Where the form posts: the page's own URL. */
  action: string;
  /** The session's form token (hosted links); the embedded form's transient key in its URL plays that part. */
  csrfToken?: string;
  state: CardFormState;
  /** What the customer typed before the script took over (browser only, never sent anywhere but the form). */
  typed?: Partial<Record<FieldName, string>>;
  /** A payment link's amount, formatted ("$25.00"): the button says "Pay $25.00" instead of "Save card". */
  amount?: string | null;
  /** The link asks for the billing address: its section starts open. */
  askAddress?: boolean;
  /**
   * The country select's options, [code, name] in the page's order. Not in
   * the page's JSON data (the list is long): the script reads them back from
   * the server-rendered select.
   */
  countries?: [string, string][];
};

function hintFor(t: Translate, name: FieldName, codeLength: 3 | 4): string | null {
  if (name === "exp_date") return t("hint.exp_date");
  if (name === "cvv2") return t("hint.cvv2", { digits: codeLength });
  return null;
}

const INPUT_CLASS =
  "min-h-11 w-full rounded-md border border-line bg-field px-3 py-2 text-base aria-[invalid=true]:border-danger focus-visible:outline-3 focus-visible:outline-offset-1 focus-visible:outline-brand";

export function CardForm({ action, csrfToken, state, typed = {}, amount = null, askAddress = false, countries = [] }: CardFormProps) {
  const t = useTranslate();
  const formRef = useRef<HTMLFormElement>(null);
  const [serverErrors, setServerErrors] = useState(state.errors);
  const [sending, setSending] = useState(false);
  const defaults = {
    card_number: "",
    cvv2: "",
    ...Object.fromEntries(REDISPLAYED_FIELDS.map((n) => [n, state.values[n] ?? ""])),
    country: state.values.country || DEFAULT_COUNTRY,
    ...typed,
  };
  // When errors show: a malformed field when it is left, an empty one only on
  // submit (tabbing past a field is not a mistake), and, once shown, an error
  // is checked again as the field changes, so it goes as soon as it is fixed.
  const { register, handleSubmit, watch, formState, trigger, clearErrors } = useForm<HostedCardFormValues, unknown, HostedCardForm>({
    resolver: zodResolver(HostedCardFormSchema),
    mode: "onSubmit",
    reValidateMode: "onChange",
    defaultValues: defaults,
  });
  const checkWhenLeft = (name: FieldName, value: string) => {
    if (value.trim() === "") clearErrors(name);
    else void trigger(name);
  };
  const checkWhenChanged = (name: FieldName, value: string) => {
    if (formState.submitCount === 0 && formState.errors[name]) checkWhenLeft(name, value);
  };
  const cardNumber = watch("card_number") ?? "";
  const country = watch("country") || DEFAULT_COUNTRY;
  const brand = cardBrandOf(cardNumber);
  const brandIcons = brandsShown(brand, cardNumber);
  // The hint follows the number typed; after a round trip that cleared the number, the one sent.
  const codeLength = cardNumber.trim() ? securityCodeLength(cardNumber) : (state.codeLength ?? 3);
  const locked = state.retryAfterSeconds !== undefined;

  const errorFor = (name: string): string | undefined => {
    const key = (formState.errors[name as FieldName]?.message as MessageKey | undefined) ?? serverErrors[name];
    return key ? t(key) : undefined;
  };
  const problems = [...new Set([...Object.keys(formState.errors), ...Object.keys(serverErrors).filter((k) => k !== "form")])];
  const formProblem = serverErrors.form;
  const fromServer = Object.keys(state.errors).length > 0;
  const showSummary = Boolean(formProblem) || (problems.length > 0 && (formState.submitCount > 0 || fromServer));
  const addressOpen = askAddress || ADDRESS_FIELDS.some((name) => Boolean(state.errors[name] || state.values[name]));
  const forget = (name: string) => {
    if (name in serverErrors) setServerErrors(({ [name]: _gone, ...rest }) => rest);
  };
  // Valid in the browser: now post it as the plain form it is.
  const send = () => {
    setSending(true);
    formRef.current?.submit();
  };
  const registerField = formattingAsTyped(register);
  const watched = (name: FieldName) =>
    registerField(name, {
      onChange: (event: { target: HTMLInputElement | HTMLSelectElement }) => {
        forget(name);
        checkWhenChanged(name, event.target.value);
      },
      onBlur: (event: { target: HTMLInputElement | HTMLSelectElement }) => checkWhenLeft(name, event.target.value),
    });

  const renderField = (field: Field, label = t(field.label)) => {
    const error = errorFor(field.name);
    const hint = hintFor(t, field.name, codeLength);
    const described = [hint ? `${field.name}-hint` : "", error ? `${field.name}-error` : ""].filter(Boolean).join(" ");
    return (
      <div key={field.name} className="grid content-start gap-1">
        <label htmlFor={field.name} className="font-medium">
          {field.required ? label : t("field.optional", { label })}
        </label>
        <div className="relative">
          <input
            id={field.name}
            type="text"
            inputMode={field.numeric ? "numeric" : undefined}
            autoComplete={field.autoComplete}
            required={field.required}
            defaultValue={(REDISPLAYED_FIELDS as readonly string[]).includes(field.name) ? (state.values[field.name] ?? "") : ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={described || undefined}
            className={field.name === "card_number" ? `${INPUT_CLASS} ${brandIconsPadding(brandIcons.length)}` : INPUT_CLASS}
            {...watched(field.name)}
          />
          {field.name === "card_number" ? <CardBrandIcons brand={brand} shown={brandIcons} /> : null}
        </div>
        {hint ? (
          <span id={`${field.name}-hint`} className="text-sm text-muted">
            {hint}
          </span>
        ) : null}
        {error ? (
          <span id={`${field.name}-error`} className="text-sm text-danger">
            {error}
          </span>
        ) : null}
      </div>
    );
  };

  const countryError = errorFor("country");
  return (
    <form ref={formRef} method="post" action={action} noValidate onSubmit={handleSubmit(send)}>
      {csrfToken ? <input type="hidden" name="csrf_token" value={csrfToken} /> : null}
      {/* Disabled while the customer's network is over the failed-attempt limit; the summary says until when. */}
      <fieldset disabled={locked} className="m-0 grid min-w-0 gap-3 border-0 p-0">
        {showSummary ? (
          // After a round trip to the server, focus starts here, so the
          // customer hears what went wrong before anything else.
          <div
            role="alert"
            tabIndex={-1}
            autoFocus={fromServer}
            className="rounded-md border-2 border-danger px-3 py-2 focus-visible:outline-3 focus-visible:outline-brand"
          >
            <p className="my-1">{formProblem ? t(formProblem) : t("form.check_fields", { count: problems.length })}</p>
            {fromServer && state.cleared && !locked ? <p className="my-1">{t("form.cleared")}</p> : null}
            {state.attemptsLeft !== undefined ? <p className="my-1">{t("form.attempts_left", { count: state.attemptsLeft })}</p> : null}
          </div>
        ) : null}
        {renderField(NUMBER)}
        <div className="grid grid-cols-2 gap-3">
          {renderField(EXPIRY)}
          {renderField(CODE)}
        </div>
        {renderField(NAME)}
        <div className="grid grid-cols-2 gap-3">
          <div className="grid content-start gap-1">
            <label htmlFor="country" className="font-medium">
              {t("field.country")}
            </label>
            <select
              id="country"
              autoComplete="billing country"
              defaultValue={defaults.country}
              aria-invalid={countryError ? true : undefined}
              aria-describedby={countryError ? "country-error" : undefined}
              className={INPUT_CLASS}
              {...watched("country")}
            >
              {countries.map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
            {countryError ? (
              <span id="country-error" className="text-sm text-danger">
                {countryError}
              </span>
            ) : null}
          </div>
          {/* A country without postal codes gets no field (the server ignores one sent). */}
          {hasPostalCode(country) ? renderField(POSTAL, t("field.billing_zip", { kind: postalCodeKind(country) })) : null}
        </div>
        <details open={addressOpen} className="group">
          <summary className="w-fit cursor-pointer py-1 font-medium underline underline-offset-2 focus-visible:outline-3 focus-visible:outline-brand">
            {t("form.add_address")}
          </summary>
          <div className="mt-2 grid gap-3">
            {renderField(ADDRESS_LINE)}
            <div className="grid grid-cols-[2fr_1fr] gap-3">
              {renderField(CITY)}
              {renderField(STATE)}
            </div>
          </div>
        </details>
        <button
          type="submit"
          disabled={sending}
          className="min-h-11 cursor-pointer rounded-md border-2 border-brand bg-brand-fill px-4 py-2 font-semibold text-on-brand focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:opacity-70"
        >
          {amount ? t(sending ? "form.paying" : "form.pay", { amount }) : t(sending ? "form.saving" : "form.save")}
        </button>
      </fieldset>
    </form>
  );
}
