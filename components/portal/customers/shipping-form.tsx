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
import { editShippingFormSchema, NewShippingFormSchema, SHIPPING_FORM_FIELDS, type ShippingFormField } from "@/lib/vault/form-schemas";
import { fieldMessage } from "./format";

type Values = Record<ShippingFormField, string>;

const LABELS: Record<ShippingFormField, { label: string; autoComplete: string; hint?: string; wide?: boolean }> = {
  shipping_first_name: { label: "First name", autoComplete: "off" },
  shipping_last_name: { label: "Last name", autoComplete: "off" },
  shipping_firm_name: { label: "Company", autoComplete: "off", wide: true },
  shipping_addr1: { label: "Address line 1", autoComplete: "off", wide: true },
  shipping_addr2: { label: "Address line 2", autoComplete: "off", wide: true },
  shipping_city: { label: "City", autoComplete: "off" },
  shipping_state: { label: "State", autoComplete: "off", hint: "Up to 3 letters, e.g. CA." },
  shipping_zip: { label: "ZIP or postal code", autoComplete: "off" },
  shipping_country_code: { label: "Country code", autoComplete: "off", hint: "3 letters, e.g. USA." },
};

/** Adding or editing a shipping address, checked with the API's own schema. */
export function ShippingForm(props: { customerId: string } & ({ mode: "new" } | { mode: "edit"; shippingId: number; initial: Partial<Values> })) {
  const { csrf } = usePortal();
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const isNew = props.mode === "new";
  const schema = props.mode === "new" ? NewShippingFormSchema : editShippingFormSchema(props.shippingId);
  const { register, handleSubmit, setError, formState } = useForm<Values, unknown, Record<string, unknown>>({
    resolver: zodResolver(schema, FIELD_PARSE_PARAMS) as unknown as Resolver<Values, unknown, Record<string, unknown>>,
    defaultValues: props.mode === "new" ? {} : props.initial,
  });
  const back = `/portal/customers/${props.customerId}`;

  const onSubmit = handleSubmit(
    async (body) => {
      setProblem(null);
      const answer = await portalRequest(`/portal/api/customers/${props.customerId}/shipping`, { csrf, method: isNew ? "POST" : "PUT", body });
      if (answer.ok) {
        router.push(`${back}?${isNew ? "address" : "address_saved"}=1`);
        return;
      }
      for (const [field, message] of Object.entries(answer.fields)) {
        if (field in LABELS) setError(field as ShippingFormField, { message });
      }
      setProblem(isValidationFailure(answer) ? "Please correct the highlighted fields." : answer.message);
    },
    () => setProblem("Please correct the highlighted fields."),
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label={isNew ? "New shipping address" : "Edit shipping address"}>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        {SHIPPING_FORM_FIELDS.map((name) => {
          const { label, autoComplete, hint, wide } = LABELS[name];
          const message = formState.errors[name]?.message;
          return (
            <TextField
              key={name}
              label={label}
              hint={hint}
              autoComplete={autoComplete}
              error={message ? fieldMessage(label, message) : undefined}
              className={wide ? "sm:col-span-2" : undefined}
              {...register(name)}
            />
          );
        })}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : isNew ? "Add address" : "Save address"}
        </Button>
        <a href={back} className={buttonClass("secondary")}>
          Cancel
        </a>
      </div>
    </form>
  );
}
