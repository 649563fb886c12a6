"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { FIELD_PARSE_PARAMS } from "@/lib/errors/zod-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { TextField } from "@/components/ui/text-field";
import { usePortal } from "@/components/portal/portal-context";
import { isValidationFailure, portalRequest } from "@/components/portal/portal-fetch";
import { CUSTOMER_FORM_FIELDS, EditCustomerFormSchema, NewCustomerFormSchema, type CustomerFormField } from "@/lib/vault/form-schemas";
import { fieldMessage } from "./format";

type Values = Record<CustomerFormField | "customer_id", string>;

const LABELS: Record<keyof Values, { label: string; hint?: string; type?: string; autoComplete?: string }> = {
  customer_id: { label: "Customer ID", hint: "Up to 32 letters and digits. Leave it blank and the vault makes one." },
  customer_first_name: { label: "First name", autoComplete: "off" },
  customer_last_name: { label: "Last name", autoComplete: "off" },
  customer_firm_name: { label: "Company", autoComplete: "off" },
  customer_email: { label: "Email", type: "email", autoComplete: "off" },
  customer_phone: { label: "Phone", type: "tel", autoComplete: "off" },
  reference_id: { label: "Reference ID", hint: "Your own reference for this customer, e.g. an account number." },
  comments: { label: "Comments" },
};

/**
 * Creating or editing a customer. The form is checked with the same schema
 * as the portal's route (the API's schema), and the vault's own field errors
 * are shown beside their fields.
 */
export function CustomerForm(props: { mode: "new" } | { mode: "edit"; customerId: string; initial: Partial<Values> }) {
  const { csrf } = usePortal();
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const isNew = props.mode === "new";
  const names = isNew ? (["customer_id", ...CUSTOMER_FORM_FIELDS] as const) : CUSTOMER_FORM_FIELDS;
  const schema = isNew ? NewCustomerFormSchema : EditCustomerFormSchema;
  const { register, handleSubmit, setError, formState } = useForm<Values, unknown, Record<string, unknown>>({
    resolver: zodResolver(schema, FIELD_PARSE_PARAMS) as unknown as Resolver<Values, unknown, Record<string, unknown>>,
    defaultValues: isNew ? {} : props.initial,
    shouldFocusError: true,
  });

  const onSubmit = handleSubmit(
    async (body) => {
      setProblem(null);
      const answer = isNew
        ? await portalRequest<{ customer_id: string }>("/portal/api/customers", { csrf, body })
        : await portalRequest<{ customer_id: string }>(`/portal/api/customers/${props.customerId}`, { csrf, method: "PATCH", body });
      if (answer.ok) {
        router.push(`/portal/customers/${answer.data.customer_id}${isNew ? "?created=1" : "?saved=1"}`);
        return;
      }
      for (const [field, message] of Object.entries(answer.fields)) {
        if (field in LABELS) setError(field as keyof Values, { message });
      }
      if (answer.status === 409 && isNew) setError("customer_id", { message: answer.message });
      setProblem(isValidationFailure(answer) ? "Please correct the highlighted fields." : answer.message);
    },
    () => setProblem("Please correct the highlighted fields."),
  );

  const errorOf = (name: keyof Values) => {
    const message = formState.errors[name]?.message;
    return message ? fieldMessage(LABELS[name].label, message) : undefined;
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label={isNew ? "New customer" : "Edit customer"}>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      <p className="text-sm text-slate-700">Give a first or last name, or a company.</p>
      <div className="grid gap-4 sm:grid-cols-2">
        {names.map((name) => {
          const { label, hint, type, autoComplete } = LABELS[name];
          return (
            <TextField
              key={name}
              label={label}
              hint={hint}
              type={type ?? "text"}
              autoComplete={autoComplete ?? "off"}
              error={errorOf(name)}
              className={name === "customer_id" || name === "comments" ? "sm:col-span-2" : undefined}
              {...register(name)}
            />
          );
        })}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : isNew ? "Create customer" : "Save changes"}
        </Button>
        <a href={isNew ? "/portal/customers" : `/portal/customers/${props.customerId}`} className={buttonClass("secondary")}>
          Cancel
        </a>
      </div>
    </form>
  );
}
