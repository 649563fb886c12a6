import { fieldRows, type JsonSchema } from "@/lib/openapi/schema-rows";
import { FieldTable } from "./field-table";
import type { Components } from "./operation-section";

/** One named shape of the document (Customer, Webhook, ...), listed once and linked from the operations. */
export function ShapeSection({ name, schema, components }: { name: string; schema: JsonSchema; components: Components }) {
  return (
    <section id={`schema-${name}`} className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h3 className="font-mono text-base font-semibold">{name}</h3>
      {schema.description ? <p className="mt-1 text-sm text-slate-700">{String(schema.description)}</p> : null}
      <FieldTable shapes={components.shapes} rows={fieldRows(schema, components.schemas)} caption={`Fields of ${name}`} />
    </section>
  );
}
