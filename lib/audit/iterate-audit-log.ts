import "#server-only";
import { z } from "zod";
import { getDb } from "../db/client";
import { parseOptions } from "../errors/parse-options";
import { auditLogFilterFields, auditLogOrder, auditLogSelect, auditLogWhere, checkRange, type AuditLogRow } from "./audit-log-query";

export const MAX_AUDIT_EXPORT_ROWS = 50_000;

const IterateAuditLogSchema = z
  .object({
    ...auditLogFilterFields,
    limit: z.number().int().min(1, "must be at least 1").max(MAX_AUDIT_EXPORT_ROWS, `must be at most ${MAX_AUDIT_EXPORT_ROWS}`).default(MAX_AUDIT_EXPORT_ROWS),
    batchSize: z.number().int().min(1).max(5_000).default(1_000),
  })
  .superRefine(checkRange);
export type IterateAuditLogOptions = z.input<typeof IterateAuditLogSchema>;

/**
 * The merchant's matching audit rows, newest first, in batches of batchSize
 * and at most limit in all: for a CSV export that never holds more than one
 * batch. Each batch continues after the last row of the one before (by time,
 * then id), so rows written during the export neither repeat nor shift it.
 */
export async function* iterateAuditLog(options: IterateAuditLogOptions): AsyncGenerator<AuditLogRow[], void, undefined> {
  const { limit, batchSize, ...filter } = parseOptions(IterateAuditLogSchema, options);
  const where = auditLogWhere(filter);
  let left = limit;
  let last: AuditLogRow | undefined;
  while (left > 0) {
    const after = last ? { OR: [{ createdAt: { lt: last.createdAt } }, { createdAt: last.createdAt, id: { lt: last.id } }] } : {};
    const take = Math.min(batchSize, left);
    const rows = await getDb().auditLog.findMany({ where: { AND: [where, after] }, select: auditLogSelect, orderBy: auditLogOrder, take });
    if (rows.length === 0) return;
    yield rows;
    // A short batch was the last one.
    if (rows.length < take) return;
    left -= rows.length;
    last = rows[rows.length - 1];
  }
}
