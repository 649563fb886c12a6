// Turns a JSON Schema from the OpenAPI document into rows a reader can scan:
// one per field, nested fields as `parent.child` and array items as
// `parent[].child`, with the type and the rules (length, pattern, enum, ...).
// Pure, so the /docs/api page renders on the server from the document alone.

export type JsonSchema = Record<string, any>;
export type FieldRow = { name: string; type: string; required: boolean; rules: string[]; description?: string };

/** Bounds zod gives every integer; they say nothing to a reader. */
const SAFE_INTEGER = 9007199254740991;

/** The schema a `$ref` names, or the schema itself. */
export function resolveRef(schema: JsonSchema | undefined, components: Record<string, JsonSchema>): JsonSchema {
  if (!schema) return {};
  const ref = schema.$ref as string | undefined;
  if (!ref) return schema;
  const name = ref.split("/").pop() ?? "";
  return resolveRef(components[name], components);
}

/** Without `null` among its alternatives, and whether null was allowed. */
function withoutNull(schema: JsonSchema, components: Record<string, JsonSchema>): { schema: JsonSchema; nullable: boolean } {
  const resolved = resolveRef(schema, components);
  const options = resolved.anyOf as JsonSchema[] | undefined;
  if (!options) return { schema: resolved, nullable: false };
  const rest = options.filter((o) => o.type !== "null");
  if (rest.length === options.length) return { schema: resolved, nullable: false };
  const only = rest.length === 1 ? resolveRef(rest[0], components) : { ...resolved, anyOf: rest };
  return { schema: { ...only, description: only.description ?? resolved.description }, nullable: true };
}

/** The component a `$ref` names ("Customer"), or undefined. */
export function refName(schema: JsonSchema | undefined): string | undefined {
  const ref = schema?.$ref as string | undefined;
  return ref?.split("/").pop();
}

/** A short type name: "string", "integer", "array of Customer", "8 | 9", ... Named components keep their name. */
export function typeName(schema: JsonSchema, components: Record<string, JsonSchema>): string {
  const named = refName(schema);
  if (named) return named;
  const { schema: s, nullable } = withoutNull(schema, components);
  let name: string;
  if (s.not && Object.keys(s.not).length === 0) name = "not allowed";
  else if (s.const !== undefined) name = `${typeof s.const === "string" ? "string" : (s.type ?? typeof s.const)}`;
  else if (s.anyOf) name = (s.anyOf as JsonSchema[]).map((o) => (o.const !== undefined ? JSON.stringify(o.const) : typeName(o, components))).join(" | ");
  else if (s.type === "array") name = `array of ${typeName(s.items ?? {}, components)}`;
  else if (s.type === "object" && s.additionalProperties && typeof s.additionalProperties === "object" && !s.properties) {
    name = `map of ${typeName(s.additionalProperties, components)}`;
  } else name = s.type ?? "any";
  return nullable ? `${name} or null` : name;
}

function rules(schema: JsonSchema): string[] {
  const out: string[] = [];
  if (schema.const !== undefined) out.push(`always ${JSON.stringify(schema.const)}`);
  if (schema.enum) out.push(`one of ${(schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`);
  if (schema.minLength !== undefined && schema.maxLength !== undefined) out.push(`${schema.minLength} to ${schema.maxLength} characters`);
  else if (schema.maxLength !== undefined) out.push(`at most ${schema.maxLength} characters`);
  else if (schema.minLength !== undefined) out.push(`at least ${schema.minLength} characters`);
  if (schema.pattern) out.push(`pattern ${schema.pattern}`);
  if (schema.format) out.push(schema.format);
  if (schema.minimum !== undefined && schema.minimum !== -SAFE_INTEGER) out.push(`at least ${schema.minimum}`);
  if (schema.maximum !== undefined && schema.maximum !== SAFE_INTEGER) out.push(`at most ${schema.maximum}`);
  if (schema.exclusiveMinimum !== undefined) out.push(`more than ${schema.exclusiveMinimum}`);
  if (schema.maxItems !== undefined) out.push(`at most ${schema.maxItems} items`);
  if (schema.default !== undefined) out.push(`default ${JSON.stringify(schema.default)}`);
  return out;
}

/**
 * Rows for an object schema's fields, nested objects and arrays of objects
 * flattened under their parent. A field whose shape is a named component is
 * not expanded: the page lists each component once.
 */
export function fieldRows(schema: JsonSchema | undefined, components: Record<string, JsonSchema>, prefix = "", depth = 0): FieldRow[] {
  const object = withoutNull(schema ?? {}, components).schema;
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required ?? []) as string[]);
  const rows: FieldRow[] = [];
  for (const [name, raw] of Object.entries(properties)) {
    const { schema: field } = withoutNull(raw, components);
    const fullName = `${prefix}${name}`;
    const items = field.type === "array" ? withoutNull(field.items ?? {}, components).schema : undefined;
    const itemRules = items && items.type !== "object" ? rules(items).map((r) => `each: ${r}`) : [];
    rows.push({
      name: fullName,
      type: typeName(raw, components),
      required: required.has(name),
      rules: [...rules(field), ...itemRules],
      description: field.description ?? raw.description,
    });
    // Nested shapes are listed to a few levels: deeper ones are named by their type.
    if (depth >= 3 || refName(raw) || refName(field.items)) continue;
    if (field.type === "object" && field.properties) rows.push(...fieldRows(field, components, `${fullName}.`, depth + 1));
    if (items?.type === "object" && items.properties) rows.push(...fieldRows(items, components, `${fullName}[].`, depth + 1));
  }
  return rows;
}
