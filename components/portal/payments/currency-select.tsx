import { forwardRef, type SelectHTMLAttributes } from "react";
import { CURRENCY_CHOICES } from "./currency-choices";

/** "Currency": the payment forms' choice of currency, valued by ISO 4217 numeric code (react-hook-form's register or a controlled value). */
export const CurrencySelect = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement> & { id: string }>(function CurrencySelect(
  { id, ...rest },
  ref,
) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Currency
      </label>
      <select ref={ref} id={id} className="mt-1 block rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900" {...rest}>
        {CURRENCY_CHOICES.map(([number, letters]) => (
          <option key={number} value={number}>
            {letters}
          </option>
        ))}
      </select>
    </div>
  );
});
