// What the browse parameters mean (lib/paging/browse-query.ts holds their rules),
// worded once for every browse operation.

/** Descriptions of count, page, order_on, order_by, filter and merchant_id for a resource's browse. */
export function browseQueryDescriptions(filterFields: string[], orderOn: string, orderBy: "asc" | "desc", sortFields: string[] = filterFields) {
  return {
    count: "Records per page: default 10; more than 100 is capped at 100.",
    page: "The page, from 0.",
    order_on: `The field to sort on (default ${orderOn}): ${sortFields.join(", ")}.`,
    order_by: `asc or desc (default ${orderBy}).`,
    filter: `field,OPERATOR,value; several joined by ";" or given as repeated parameters, all of which must hold. Operators: EQUALS, NOT_EQUALS, LIKE (SQL LIKE around the value, case-insensitive; % and _ are wildcards), GREATER_THAN, LESS_THAN, IS_NULL, IS_NOT_NULL (no value). Fields: ${filterFields.join(", ")}. An unknown field or operator is a 400.`,
    merchant_id: "Optional: the key's own merchant id (or 0). Any other is a 403.",
  };
}
