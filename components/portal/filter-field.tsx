import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";

const FIELD_CLASS = "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900 placeholder:text-slate-500";

/**
 * One field of a list page's filter form (a plain GET form): its label, its
 * value from the URL, and a bad value's message tied to it. With `options`
 * it is a choice, "Any" first (an empty value: no filter).
 */
export function FilterField({
  name,
  label,
  type = "text",
  defaultValue,
  placeholder,
  error,
  options,
}: {
  name: string;
  label: string;
  type?: "text" | "date";
  defaultValue: string;
  placeholder?: string;
  error?: string;
  options?: readonly (readonly [value: string, label: string])[];
}) {
  const id = `filter-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {options ? (
        <select
          id={id}
          name={name}
          defaultValue={defaultValue}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className={FIELD_CLASS}
        >
          <option value="">Any</option>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          name={name}
          type={type}
          defaultValue={defaultValue}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className={FIELD_CLASS}
        />
      )}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A filter form's buttons: apply it, and, once something is filtered, a link back to the whole list. */
export function FilterActions({ submitLabel, clearHref, filtered }: { submitLabel: string; clearHref: string; filtered: boolean }) {
  return (
    <div className="flex items-end gap-2">
      <button type="submit" className={buttonClass()}>
        {submitLabel}
      </button>
      {filtered ? (
        <Link href={clearHref} className="px-2 py-2 text-sm font-medium text-blue-800 underline">
          Clear
        </Link>
      ) : null}
    </div>
  );
}
