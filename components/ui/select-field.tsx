import type { ComponentPropsWithRef } from "react";

/** A labelled select of fixed choices ([value, words]), for react-hook-form's register or a controlled value. */
export function SelectField({
  id,
  label,
  choices,
  ...select
}: { id: string; label: string; choices: readonly (readonly [string | number, string])[] } & ComponentPropsWithRef<"select">) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={id} className="mt-1 block rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900" {...select}>
        {choices.map(([value, words]) => (
          <option key={value} value={value}>
            {words}
          </option>
        ))}
      </select>
    </div>
  );
}
