import type { FieldRow } from "@/lib/openapi/schema-rows";

/** A type name, with a named shape ("Customer", "array of BillingCard") linked to its listing. */
function TypeText({ type, shapes }: { type: string; shapes: ReadonlySet<string> }) {
  const last = type.split(" ").pop() ?? "";
  if (!shapes.has(last)) return <>{type}</>;
  return (
    <>
      {type.slice(0, type.length - last.length)}
      <a className="text-blue-800 underline" href={`#schema-${last}`}>
        {last}
      </a>
    </>
  );
}

/** A table of fields: name, type, whether required, rules and meaning. */
export function FieldTable({ rows, caption, shapes = new Set() }: { rows: FieldRow[]; caption: string; shapes?: ReadonlySet<string> }) {
  if (rows.length === 0) return null;
  return (
    <table className="mt-2 w-full border-collapse text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-300 text-slate-600">
          <th scope="col" className="py-1 pr-3 font-medium">
            Field
          </th>
          <th scope="col" className="py-1 pr-3 font-medium">
            Type
          </th>
          <th scope="col" className="py-1 pr-3 font-medium">
            Rules
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name} className="border-b border-slate-100 align-top">
            <td className="py-1 pr-3 font-mono text-xs break-all">
              {row.name}
              {row.required ? <span className="ml-1 text-red-700">required</span> : null}
            </td>
            <td className="py-1 pr-3 font-mono text-xs">
              <TypeText type={row.type} shapes={shapes} />
            </td>
            <td className="py-1 pr-3 text-xs">
              {row.rules.length ? <span className="font-mono break-all">{row.rules.join("; ")}</span> : null}
              {row.description ? <p className="text-slate-700">{row.description}</p> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
