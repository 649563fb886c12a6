import { ApiError } from "../errors/api-error";

// `filter=field,OPERATOR,value`, several joined by ";" (or repeated)
// (docs/api-contract.md, Browse). Only these fields can be filtered or sorted on.
export const CUSTOMER_FIELDS = {
  customer_id: "customerId",
  customer_first_name: "firstName",
  customer_last_name: "lastName",
  customer_firm_name: "firmName",
  customer_email: "email",
  customer_phone: "phone",
  reference_id: "referenceId",
  comments: "comments",
  developer_id: "developerId",
} as const;
export type CustomerField = keyof typeof CUSTOMER_FIELDS;
export type CustomerColumn = (typeof CUSTOMER_FIELDS)[CustomerField];

const OPERATORS = ["EQUALS", "NOT_EQUALS", "LIKE", "GREATER_THAN", "LESS_THAN", "IS_NULL", "IS_NOT_NULL"] as const;
export type FilterOperator = (typeof OPERATORS)[number];

export type CustomerFilter = { column: CustomerColumn; operator: FilterOperator; value: string };

/** Parses the filter parameter(s); an unknown field or operator is a 400. */
export function parseCustomerFilters(raw: string | string[] | undefined): CustomerFilter[] {
  return parseFilters(raw, CUSTOMER_FIELDS);
}

/** Parses filters against any resource's field map (API name → column). */
export function parseFilters<F extends Record<string, string>>(
  raw: string | string[] | undefined,
  fields: F,
): { column: F[keyof F]; operator: FilterOperator; value: string }[] {
  if (raw === undefined) return [];
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((f) => f.split(";")).filter((f) => f.trim() !== "");
  return parts.map((part) => {
    const first = part.indexOf(",");
    const second = first === -1 ? -1 : part.indexOf(",", first + 1);
    const field = (first === -1 ? part : part.slice(0, first)).trim();
    const operator = (first === -1 ? "" : second === -1 ? part.slice(first + 1) : part.slice(first + 1, second)).trim();
    const value = second === -1 ? "" : part.slice(second + 1);
    if (!Object.hasOwn(fields, field)) throw invalid(`unknown field "${field}"`);
    if (!(OPERATORS as readonly string[]).includes(operator)) throw invalid(`unknown operator "${operator}"`);
    if (operator !== "IS_NULL" && operator !== "IS_NOT_NULL" && second === -1) {
      throw invalid(`${operator} needs a value: field,${operator},value`);
    }
    return { column: fields[field as keyof F], operator: operator as FilterOperator, value };
  });
}

function invalid(message: string): ApiError {
  return new ApiError("validation", "Request validation failed", { filter: message });
}

/**
 * Prisma where-clauses for the filters. LIKE is SQL's LIKE around the value
 * (`%value%`), case-insensitive on both databases (SQLite's LIKE already
 * ignores ASCII case; PostgreSQL needs mode: "insensitive", which SQLite's
 * client rejects). As in SQL, `%` and `_` in the value are wildcards.
 */
export function customerFilterWhere(filters: CustomerFilter[], provider: "sqlite" | "postgres") {
  return filterWhere(filters, provider, ["customerId"]);
}

/**
 * filterWhere for any resource. `required` names the columns that are never
 * null: Prisma refuses null tests on them, so IS_NULL matches nothing,
 * IS_NOT_NULL everything, and NOT_EQUALS needs no "or null".
 */
export function filterWhere(
  filters: { column: string; operator: FilterOperator; value: string }[],
  provider: "sqlite" | "postgres",
  required: readonly string[],
) {
  return filters.map(({ column, operator, value }) => {
    if (required.includes(column)) {
      if (operator === "IS_NULL") return { id: { lt: 0 } };
      if (operator === "IS_NOT_NULL") return {};
      if (operator === "NOT_EQUALS") return { [column]: { not: value } };
    }
    switch (operator) {
      case "EQUALS":
        return { [column]: value };
      case "NOT_EQUALS":
        return { OR: [{ [column]: { not: value } }, { [column]: null }] };
      case "LIKE":
        return { [column]: provider === "postgres" ? { contains: value, mode: "insensitive" } : { contains: value } };
      case "GREATER_THAN":
        return { [column]: { gt: value } };
      case "LESS_THAN":
        return { [column]: { lt: value } };
      case "IS_NULL":
        return { [column]: null };
      case "IS_NOT_NULL":
        return { [column]: { not: null } };
    }
  });
}
