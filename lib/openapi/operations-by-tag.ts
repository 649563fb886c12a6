import type { JsonSchema } from "./schema-rows";

// The document's operations grouped by tag, in the order of its tag list:
// the shape the /docs/api page walks.

/** `server` is where the path lives: /platform, or the path item's own (the payment gateway's /pg). */
export type DocOperation = { method: string; server: string; path: string; operation: JsonSchema };
export type TagGroup = { name: string; description?: string; operations: DocOperation[] };

const METHODS = ["get", "post", "put", "delete", "patch"] as const;

/** Operations per tag; within a tag, in the document's path order. */
export function operationsByTag(doc: { tags?: { name: string; description?: string }[]; paths?: Record<string, any> }): TagGroup[] {
  const groups = (doc.tags ?? []).map((tag) => ({ ...tag, operations: [] as DocOperation[] }));
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method] as JsonSchema | undefined;
      if (!operation) continue;
      const group = groups.find((g) => operation.tags?.includes(g.name));
      group?.operations.push({ method, server: item?.servers?.[0]?.url ?? "/platform", path, operation });
    }
  }
  return groups.filter((g) => g.operations.length > 0);
}

/** The anchor id of an operation on the page. */
export function operationAnchor(op: DocOperation): string {
  return String(op.operation.operationId ?? `${op.method}-${op.path}`);
}
