import type { ComponentPropsWithRef } from "react";
import { SelectField } from "@/components/ui/select-field";
import { CURRENCY_CHOICES } from "./currency-choices";

/** "Currency": the payment forms' choice of currency, valued by ISO 4217 numeric code (react-hook-form's register or a controlled value). */
export function CurrencySelect(props: { id: string } & ComponentPropsWithRef<"select">) {
  return <SelectField label="Currency" choices={CURRENCY_CHOICES} {...props} />;
}
