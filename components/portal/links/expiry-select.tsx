import type { ComponentPropsWithRef } from "react";
import { EXPIRY_CHOICES } from "./expiry-choices";

/** "Open for": how long a new link stays open, for the Links page's form and a customer's Send card link. */
export function ExpirySelect({ id, ...select }: { id: string } & ComponentPropsWithRef<"select">) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Open for
      </label>
      <select id={id} className="mt-1 block rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900" {...select}>
        {EXPIRY_CHOICES.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
