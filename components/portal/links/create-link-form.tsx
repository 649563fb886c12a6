"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { CopyField } from "../copy-field";
import { AmountTextSchema } from "@/lib/payments/form-schemas";
import { CURRENCY_CHOICES } from "../payments/currency-choices";
import { CurrencySelect } from "../payments/currency-select";
import { usePortal } from "../portal-context";
import { ExpirySelect } from "./expiry-select";
import { LanguageSelect } from "./language-select";
import { portalRequest } from "../portal-fetch";

type Values = {
  customer_id: string;
  customer_first_name: string;
  customer_last_name: string;
  success_url: string;
  failure_url: string;
  expire_in_secs: string;
  /** The page's language (preferences.locale); empty: the customer's browser's. */
  locale: string;
  /** "card": the customer's card is stored; "payment": it is charged (and stored). */
  kind: "card" | "payment";
  amt_tran: string;
  tran_currency: string;
  request_type: "sale" | "auth";
  merch_ref_num: string;
  purchase_id: string;
};

const selectClass = "mt-1 block rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900";

/**
 * A checkout link for a customer: the customer_id (an unknown one is
 * created, as the API does), optional redirect URLs (empty: the merchant's
 * defaults), and how long it stays open. For roles that may charge, a
 * payment link: an amount the page charges (a sale, or an auth to capture
 * later), with the merchant's reference. The server's schema is the API's.
 */
export function CreateLinkForm({ customerId, canCharge }: { customerId?: string; canCharge: boolean }) {
  const { csrf } = usePortal();
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<{ link: string; checkoutId: string; expiry: string; payment: boolean } | null>(null);
  const { register, handleSubmit, setError, formState, watch } = useForm<Values>({
    defaultValues: {
      customer_id: customerId ?? "",
      customer_first_name: "",
      customer_last_name: "",
      success_url: "",
      failure_url: "",
      expire_in_secs: "86400",
      locale: "",
      kind: "card",
      amt_tran: "",
      tran_currency: String(CURRENCY_CHOICES[0][0]),
      request_type: "sale",
      merch_ref_num: "",
      purchase_id: "",
    },
  });
  const payment = watch("kind") === "payment";
  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    setCreated(null);
    const preferences: Record<string, unknown> = { expire_in_secs: Number(values.expire_in_secs) };
    if (values.success_url.trim()) preferences.success_url = values.success_url.trim();
    if (values.failure_url.trim()) preferences.failure_url = values.failure_url.trim();
    if (values.locale) preferences.locale = values.locale;
    const charge: Record<string, unknown> = {};
    if (values.kind === "payment") {
      // The API makes a card link of an amount of 0 or none: a payment link needs one above 0.
      const amount = AmountTextSchema.safeParse(values.amt_tran);
      if (!amount.success || Number(amount.data) <= 0) {
        return setError("amt_tran", { message: amount.success ? "must be more than 0" : amount.error.issues[0]?.message });
      }
      charge.amt_tran = amount.data;
      charge.tran_currency = Number(values.tran_currency);
      preferences.request_type = values.request_type;
      if (values.merch_ref_num.trim()) charge.merch_ref_num = values.merch_ref_num.trim();
      if (values.purchase_id.trim()) charge.purchase_id = values.purchase_id.trim();
    }
    const answer = await portalRequest<{ checkout_link: string; checkout_id: string; expiry_time: string }>("/portal/api/links", {
      csrf,
      body: {
        customer_id: values.customer_id.trim(),
        // Only for a new customer (the API ignores names for an existing one): empty means not given.
        ...(values.customer_first_name.trim() ? { customer_first_name: values.customer_first_name.trim() } : {}),
        ...(values.customer_last_name.trim() ? { customer_last_name: values.customer_last_name.trim() } : {}),
        preferences,
        ...charge,
      },
    });
    if (!answer.ok) {
      const unplaced: string[] = [];
      for (const [field, message] of Object.entries(answer.fields)) {
        const name = field.replace(/^preferences\./, "") as keyof Values;
        if (name in values) setError(name, { message });
        else unplaced.push(`${field} ${message}`);
      }
      return setProblem([answer.message, ...unplaced].join(": "));
    }
    setCreated({ link: answer.data.checkout_link, checkoutId: answer.data.checkout_id, expiry: answer.data.expiry_time, payment: values.kind === "payment" });
  });
  return (
    <div className="space-y-5">
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Create a checkout link">
        <TextField
          label="Customer ID"
          hint="An existing customer, or a new ID to create the customer with the link."
          autoComplete="off"
          error={formState.errors.customer_id?.message}
          {...register("customer_id")}
        />
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            label="First name"
            hint="For a new customer: a first and last name, or a company."
            autoComplete="off"
            error={formState.errors.customer_first_name?.message}
            {...register("customer_first_name")}
          />
          <TextField label="Last name" autoComplete="off" error={formState.errors.customer_last_name?.message} {...register("customer_last_name")} />
        </div>
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            label="Success URL (optional)"
            type="url"
            hint="Empty: your default from Checkout settings."
            error={formState.errors.success_url?.message}
            {...register("success_url")}
          />
          <TextField
            label="Failure URL (optional)"
            type="url"
            hint="Empty: your default from Checkout settings."
            error={formState.errors.failure_url?.message}
            {...register("failure_url")}
          />
        </div>
        {canCharge ? (
          <fieldset className="space-y-3">
            <legend className="text-sm font-medium text-slate-800">The link</legend>
            <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm text-slate-900">
              <label className="flex items-center gap-2">
                <input type="radio" value="card" {...register("kind")} />
                Saves a card
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" value="payment" {...register("kind")} />
                Takes a payment (and saves the card)
              </label>
            </div>
            {payment ? (
              <div className="grid gap-4 md:grid-cols-2">
                <div className="flex items-start gap-3">
                  <TextField
                    label="Amount"
                    inputMode="decimal"
                    autoComplete="off"
                    hint="Such as 25 or 25.50."
                    className="flex-1"
                    error={formState.errors.amt_tran?.message}
                    {...register("amt_tran")}
                  />
                  <CurrencySelect id="tran_currency" {...register("tran_currency")} />
                </div>
                <div>
                  <label htmlFor="request_type" className="block text-sm font-medium text-slate-800">
                    Charge
                  </label>
                  <select id="request_type" className={selectClass} {...register("request_type")}>
                    <option value="sale">Now (sale)</option>
                    <option value="auth">Authorize only, capture later</option>
                  </select>
                </div>
                <TextField
                  label="Your reference (optional)"
                  autoComplete="off"
                  hint="An order number: on the transaction and in webhooks."
                  error={formState.errors.merch_ref_num?.message}
                  {...register("merch_ref_num")}
                />
                <TextField label="Purchase ID (optional)" autoComplete="off" error={formState.errors.purchase_id?.message} {...register("purchase_id")} />
              </div>
            ) : null}
          </fieldset>
        ) : null}
        <div className="flex flex-wrap gap-4">
          <ExpirySelect id="expire_in_secs" {...register("expire_in_secs")} />
          <LanguageSelect id="locale" {...register("locale")} />
        </div>
        {problem ? <Alert tone="error">{problem}</Alert> : null}
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Creating…" : "Create link"}
        </Button>
      </form>
      {created ? (
        <div className="space-y-3">
          <Alert tone="success">
            {created.payment
              ? "Payment link created. Send it to your customer: it opens your branded page, which charges their card."
              : "Link created. Send it to your customer: it opens your branded card page."}
          </Alert>
          <CopyField label="Checkout link" value={created.link} />
          <a href="/portal/links" className="text-sm font-medium text-blue-800 underline">
            See all links
          </a>
        </div>
      ) : null}
    </div>
  );
}
