"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { CopyField } from "../copy-field";
import { usePortal } from "../portal-context";
import { portalRequest } from "../portal-fetch";

type Values = {
  customer_id: string;
  customer_first_name: string;
  customer_last_name: string;
  success_url: string;
  failure_url: string;
  expire_in_secs: string;
};

const EXPIRY_CHOICES = [
  ["900", "15 minutes"],
  ["3600", "1 hour"],
  ["86400", "24 hours"],
  ["604800", "7 days"],
  ["2592000", "30 days"],
] as const;

/**
 * A checkout link for a customer: the customer_id (an unknown one is
 * created, as the API does), optional redirect URLs (empty: the merchant's
 * defaults), and how long it stays open. The server's schema is the API's.
 */
export function CreateLinkForm({ customerId }: { customerId?: string }) {
  const { csrf } = usePortal();
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<{ link: string; checkoutId: string; expiry: string } | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    defaultValues: {
      customer_id: customerId ?? "",
      customer_first_name: "",
      customer_last_name: "",
      success_url: "",
      failure_url: "",
      expire_in_secs: "86400",
    },
  });
  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    setCreated(null);
    const preferences: Record<string, unknown> = { expire_in_secs: Number(values.expire_in_secs) };
    if (values.success_url.trim()) preferences.success_url = values.success_url.trim();
    if (values.failure_url.trim()) preferences.failure_url = values.failure_url.trim();
    const answer = await portalRequest<{ checkout_link: string; checkout_id: string; expiry_time: string }>("/portal/api/links", {
      csrf,
      body: {
        customer_id: values.customer_id.trim(),
        // Only for a new customer (the API ignores names for an existing one): empty means not given.
        ...(values.customer_first_name.trim() ? { customer_first_name: values.customer_first_name.trim() } : {}),
        ...(values.customer_last_name.trim() ? { customer_last_name: values.customer_last_name.trim() } : {}),
        preferences,
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
    setCreated({ link: answer.data.checkout_link, checkoutId: answer.data.checkout_id, expiry: answer.data.expiry_time });
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
        <div>
          <label htmlFor="expire_in_secs" className="block text-sm font-medium text-slate-800">
            Open for
          </label>
          <select
            id="expire_in_secs"
            className="mt-1 block rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900"
            {...register("expire_in_secs")}
          >
            {EXPIRY_CHOICES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        {problem ? <Alert tone="error">{problem}</Alert> : null}
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Creating…" : "Create link"}
        </Button>
      </form>
      {created ? (
        <div className="space-y-3">
          <Alert tone="success">Link created. Send it to your customer: it opens your branded card page.</Alert>
          <CopyField label="Checkout link" value={created.link} />
          <a href="/portal/links" className="text-sm font-medium text-blue-800 underline">
            See all links
          </a>
        </div>
      ) : null}
    </div>
  );
}
