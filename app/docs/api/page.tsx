import { OperationSection, type Components } from "@/components/api-docs/operation-section";
import { ShapeSection } from "@/components/api-docs/shape-section";
import { openApiDocument } from "@/lib/api/route-table";
import { operationAnchor, operationsByTag } from "@/lib/openapi/operations-by-tag";
import type { JsonSchema } from "@/lib/openapi/schema-rows";

export const metadata = { title: "API reference · Customer Vault" };

// The API reference, rendered on the server from the same document
// GET /platform/openapi.json serves: no client script of its own.
export default function ApiReferencePage() {
  const doc = openApiDocument();
  const groups = operationsByTag(doc);
  const schemas = (doc.components?.schemas ?? {}) as Record<string, JsonSchema>;
  // Error envelopes are described with each response; the other named shapes are listed once, at the end.
  const shapes = Object.keys(schemas)
    .filter((name) => !name.startsWith("Error"))
    .sort();
  const components: Components = { schemas, parameters: (doc.components?.parameters ?? {}) as Record<string, JsonSchema>, shapes: new Set(shapes) };
  return (
    <main className="mx-auto max-w-5xl px-4 py-8 font-sans text-slate-900">
      <h1 className="text-3xl font-bold">{doc.info.title}</h1>
      <p className="mt-2 max-w-3xl">{doc.info.description}</p>
      <p className="mt-2">
        Authenticate with HTTP Basic: the API key as the user name (empty password) or as the password. The machine-readable document:{" "}
        <a className="text-blue-800 underline" href="/platform/openapi.json">
          /platform/openapi.json
        </a>
        . Operations marked <span className="rounded border border-violet-300 px-1.5 text-xs text-violet-800">extension</span> are this vault&apos;s own, beyond
        the reference Platform API.
      </p>
      <nav aria-label="Operations" className="mt-6 grid gap-4 sm:grid-cols-2">
        {groups.map((group) => (
          <div key={group.name}>
            <h2 className="font-semibold">
              <a className="text-blue-800 underline" href={`#tag-${group.name.replace(/\s+/g, "-")}`}>
                {group.name}
              </a>
            </h2>
            <ul className="mt-1 text-sm">
              {group.operations.map((op) => (
                <li key={operationAnchor(op)}>
                  <a className="text-blue-800 underline" href={`#${operationAnchor(op)}`}>
                    <span className="font-mono uppercase">{op.method}</span> <span className="font-mono">{op.path}</span>
                  </a>{" "}
                  {String(op.operation.summary ?? "")}
                </li>
              ))}
            </ul>
          </div>
        ))}
        <div>
          <h2 className="font-semibold">
            <a className="text-blue-800 underline" href="#shapes">
              Shapes
            </a>
          </h2>
          <p className="mt-1 text-sm">The objects operations answer with, and the request the vault sends to a webhook.</p>
        </div>
      </nav>
      {groups.map((group) => (
        <section
          key={group.name}
          id={`tag-${group.name.replace(/\s+/g, "-")}`}
          className="mt-10"
          aria-labelledby={`heading-${group.name.replace(/\s+/g, "-")}`}
        >
          <h2 id={`heading-${group.name.replace(/\s+/g, "-")}`} className="text-2xl font-bold">
            {group.name}
          </h2>
          {group.description ? <p className="mt-1 text-slate-700">{group.description}</p> : null}
          <div className="mt-4 grid gap-4">
            {group.operations.map((op) => (
              <OperationSection key={operationAnchor(op)} op={op} components={components} />
            ))}
          </div>
        </section>
      ))}
      <section id="shapes" className="mt-10" aria-labelledby="heading-shapes">
        <h2 id="heading-shapes" className="text-2xl font-bold">
          Shapes
        </h2>
        <div className="mt-4 grid gap-4">
          {shapes.map((name) => (
            <ShapeSection key={name} name={name} schema={schemas[name] as JsonSchema} components={components} />
          ))}
        </div>
      </section>
    </main>
  );
}
