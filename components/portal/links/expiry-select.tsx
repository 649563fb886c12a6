import type { ComponentPropsWithRef } from "react";
import { SelectField } from "@/components/ui/select-field";
import { EXPIRY_CHOICES } from "./expiry-choices";

/** "Open for": how long a new link stays open, for the Links page's form and a customer's Send card link. */
export function ExpirySelect(props: { id: string } & ComponentPropsWithRef<"select">) {
  return <SelectField label="Open for" choices={EXPIRY_CHOICES} {...props} />;
}
