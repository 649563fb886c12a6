/** One field of a list page's filter form (a plain GET form): its label, its value from the URL, and a bad value's message tied to it. */
export function FilterField({
  name,
  label,
  type = "text",
  defaultValue,
  placeholder,
  error,
}: {
  name: string;
  label: string;
  type?: "text" | "date";
  defaultValue: string;
  placeholder?: string;
  error?: string;
}) {
  const id = `filter-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900 placeholder:text-slate-500"
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
