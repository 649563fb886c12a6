import { Table, type TableColumn } from "@/components/ui/table";
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

const COLUMNS: TableColumn[] = [
  { label: "Field", cellClassName: "font-mono text-xs break-all" },
  { label: "Type", cellClassName: "font-mono text-xs" },
  { label: "Rules", cellClassName: "text-xs" },
];

/** A table of fields: name, type, whether required, rules and meaning. */
export function FieldTable({ rows, caption, shapes = new Set() }: { rows: FieldRow[]; caption: string; shapes?: ReadonlySet<string> }) {
  if (rows.length === 0) return null;
  return (
    <Table
      look="dense"
      caption={caption}
      columns={COLUMNS}
      rows={rows.map((row) => ({
        key: row.name,
        cells: [
          <>
            {row.name}
            {row.required ? <span className="ml-1 text-red-700">required</span> : null}
          </>,
          <TypeText type={row.type} shapes={shapes} />,
          <>
            {row.rules.length ? <span className="font-mono break-all">{row.rules.join("; ")}</span> : null}
            {row.description ? <p className="text-slate-700">{row.description}</p> : null}
          </>,
        ],
      }))}
    />
  );
}
