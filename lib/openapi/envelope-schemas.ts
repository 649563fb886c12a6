import { z } from "zod";
import { ERROR_TABLE } from "../errors/error-table";

// The envelope every /platform answer is wrapped in (lib/api/envelope.ts
// builds it), as zod shapes for the document. Errors are one shape per HTTP
// status, each listing the envelope codes that status can carry, so a
// reader sees that a 409 is code 8 or 9 without opening docs/api-errors.md.

/** `{code: 0, message: "Success", data}` around `data`. */
export function successEnvelope(data: z.ZodType) {
  return z.object({ code: z.literal(0), message: z.string(), data });
}

/** A page of a browse operation: the paging fields, then `data`. */
export function listEnvelope(item: z.ZodType) {
  return z.object({
    code: z.literal(0),
    message: z.string(),
    totalPages: z.number().int().min(0).meta({ description: "ceil(totalRecords / count)" }),
    totalRecords: z.number().int().min(0).meta({ description: "Every record the filter matches, not only this page." }),
    count: z.number().int().min(1).max(100),
    page: z.number().int().min(0),
    order_on: z.string(),
    order_by: z.enum(["asc", "desc"]),
    data: z.array(item),
  });
}

/** `{code: 0, message}` with no data: deletes and status changes. */
export const MessageEnvelopeSchema = z
  .object({ code: z.literal(0), message: z.string() })
  .meta({ id: "MessageEnvelope", description: "Success without data." });

const codesByStatus = new Map<number, number[]>();
for (const row of Object.values(ERROR_TABLE)) {
  codesByStatus.set(row.status, [...(codesByStatus.get(row.status) ?? []), row.code]);
}

/** The HTTP statuses an error can have, from the error table. */
export const ERROR_STATUSES = [...codesByStatus.keys()].sort((a, b) => a - b);

const errorEnvelopes = new Map(
  ERROR_STATUSES.map((status) => {
    const codes = codesByStatus.get(status) ?? [];
    const code = codes.length === 1 ? z.literal(codes[0] as number) : z.union(codes.map((c) => z.literal(c)));
    const data =
      status === 400
        ? z.record(z.string(), z.string()).meta({ description: "Each failed field's path and what is wrong with it." })
        : status === 500
          ? z.object({ request_id: z.string() }).meta({ description: "The id to quote to the operator; the detail is only in the log." })
          : null;
    const shape = data ? { code, message: z.string(), data } : { code, message: z.string() };
    return [status, z.object(shape).meta({ id: `Error${status}` })] as const;
  }),
);

/** The error envelope for one HTTP status. */
export function errorEnvelope(status: number): z.ZodType {
  const schema = errorEnvelopes.get(status);
  if (!schema) throw new Error(`No error in the table answers HTTP ${status}`);
  return schema;
}

/** The table's message for a status (the first row that has it), as the response's description. */
export function errorDescription(status: number): string {
  const rows = Object.values(ERROR_TABLE).filter((row) => row.status === status);
  return rows.map((row) => `${row.code}: ${row.message}`).join("; ");
}
