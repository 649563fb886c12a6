import "#server-only";
import { z } from "zod";
import { getDb } from "../db/client";
import { parseOptions } from "../errors/parse-options";
import { pageFields } from "../paging/page-options";
import { auditLogFilterFields, auditLogOrder, auditLogSelect, auditLogWhere, checkRange, type AuditLogRow } from "./audit-log-query";

const BrowseAuditLogSchema = z.object({ ...auditLogFilterFields, ...pageFields(50) }).superRefine(checkRange);
export type BrowseAuditLogOptions = z.input<typeof BrowseAuditLogSchema>;

export type AuditLogPage = { rows: AuditLogRow[]; total: number; page: number; pageSize: number };

/** One page of the merchant's audit rows, newest first, filtered by actor, action, target and time. */
export async function browseAuditLog(options: BrowseAuditLogOptions): Promise<AuditLogPage> {
  const { page, pageSize, ...filter } = parseOptions(BrowseAuditLogSchema, options);
  const where = auditLogWhere(filter);
  const db = getDb();
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({ where, select: auditLogSelect, orderBy: auditLogOrder, skip: (page - 1) * pageSize, take: pageSize }),
  ]);
  return { rows, total, page, pageSize };
}
