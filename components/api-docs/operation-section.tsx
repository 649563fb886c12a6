import { fieldRows, resolveRef, typeName, type JsonSchema } from "@/lib/openapi/schema-rows";
import { operationAnchor, type DocOperation } from "@/lib/openapi/operations-by-tag";
import { FieldTable } from "./field-table";

const METHOD_COLOURS: Record<string, string> = {
  get: "bg-emerald-100 text-emerald-900",
  post: "bg-blue-100 text-blue-900",
  put: "bg-amber-100 text-amber-900",
  delete: "bg-red-100 text-red-900",
};

export type Components = { schemas: Record<string, JsonSchema>; parameters: Record<string, JsonSchema>; shapes: ReadonlySet<string> };

function parameterRows(op: JsonSchema, components: Components) {
  return ((op.parameters ?? []) as JsonSchema[]).map((raw) => {
    const p = raw.$ref ? (components.parameters[String(raw.$ref).split("/").pop() ?? ""] ?? {}) : raw;
    const schema = resolveRef(p.schema, components.schemas);
    const rows = fieldRows({ type: "object", properties: { [p.name]: schema }, required: p.required ? [p.name] : [] }, components.schemas);
    const row = rows[0] ?? { name: p.name, type: "string", required: Boolean(p.required), rules: [] };
    const extension = p["x-vault-extension"] ? " (beyond the reference API)" : "";
    return { ...row, name: `${p.name} (${p.in})`, description: `${p.description ?? schema.description ?? ""}${extension}`.trim() || undefined };
  });
}

/** The `data` of a success envelope, as rows; a list's items are listed under data[]. */
function successRows(response: JsonSchema | undefined, components: Components) {
  const envelope = resolveRef(response?.content?.["application/json"]?.schema, components.schemas);
  const data = envelope.properties?.data;
  if (!data) return { rows: [], note: envelope.properties?.code ? "No data: {code: 0, message}." : "" };
  const isList = "totalRecords" in (envelope.properties ?? {});
  const rows = fieldRows({ type: "object", properties: { data } }, components.schemas);
  return { rows, note: isList ? "A page: totalPages, totalRecords, count, page, order_on and order_by beside data." : "" };
}

/** One operation: method, path, summary, parameters, request fields and responses. */
export function OperationSection({ op, components }: { op: DocOperation; components: Components }) {
  const o = op.operation;
  const body = o.requestBody?.content?.["application/json"]?.schema as JsonSchema | undefined;
  const success = successRows(o.responses?.["200"], components);
  const errors = Object.entries((o.responses ?? {}) as Record<string, JsonSchema>).filter(([status]) => status !== "200");
  const parameters = parameterRows(o, components);
  return (
    <section id={operationAnchor(op)} className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h3 className="flex flex-wrap items-center gap-2 text-base font-semibold">
        <span className={`rounded px-2 py-0.5 font-mono text-xs uppercase ${METHOD_COLOURS[op.method] ?? "bg-slate-100"}`}>{op.method}</span>
        <code className="font-mono text-sm break-all">{`${op.server}${op.path}`}</code>
        {o["x-vault-extension"] ? <span className="rounded border border-violet-300 px-1.5 text-xs font-normal text-violet-800">extension</span> : null}
      </h3>
      <p className="mt-1 font-medium">{o.summary}</p>
      {o.description ? <p className="mt-1 text-sm text-slate-700">{o.description}</p> : null}
      {Array.isArray(o.security) && o.security.length === 0 ? <p className="mt-1 text-sm text-slate-700">No API key needed.</p> : null}

      {parameters.length ? (
        <>
          <h4 className="mt-3 text-sm font-semibold">Parameters</h4>
          <FieldTable shapes={components.shapes} rows={parameters} caption={`Parameters of ${op.method.toUpperCase()} ${op.path}`} />
        </>
      ) : null}
      {body ? (
        <>
          <h4 className="mt-3 text-sm font-semibold">Request body (JSON)</h4>
          <FieldTable
            shapes={components.shapes}
            rows={fieldRows(body, components.schemas)}
            caption={`Request fields of ${op.method.toUpperCase()} ${op.path}`}
          />
        </>
      ) : null}

      <h4 className="mt-3 text-sm font-semibold">Responses</h4>
      <p className="text-sm">
        <span className="font-mono">200</span> {o.responses?.["200"]?.description} {success.note}
      </p>
      <FieldTable shapes={components.shapes} rows={success.rows} caption={`Success fields of ${op.method.toUpperCase()} ${op.path}`} />
      {errors.length ? (
        <ul className="mt-2 text-sm">
          {errors.map(([status, response]) => (
            <li key={status}>
              <span className="font-mono">{status}</span> {response.description}
              {status === "400" ? (
                <span className="text-slate-600">
                  {" "}
                  (data: {typeName(resolveRef(response.content?.["application/json"]?.schema, components.schemas).properties?.data ?? {}, components.schemas)})
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
