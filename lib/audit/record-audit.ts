import "#server-only";
import type { Tx } from "../db/client";
import { Prisma } from "../db/sql";
import type { AuditAction, AuditTargetType } from "./audit-actions";

/** Who did something and from where: carried from the request into every change. */
export type Actor = {
  merchantId: bigint;
  /** "api_key:<id>", "cli", later "user:<id>". */
  actor: string;
  clientAddress?: string | null;
  requestId?: string | null;
};

export type AuditEntry = { action: AuditAction; type: AuditTargetType; id: string };

/**
 * Appends one audit row inside the caller's transaction, so the change and
 * its record commit together or not at all. Never put card data in a target id.
 */
export async function recordAudit(tx: Tx, who: Actor, action: AuditAction, target: { type: AuditTargetType; id: string }): Promise<void> {
  await recordAuditMany(tx, who, [{ action, type: target.type, id: target.id }]);
}

/**
 * Appends several audit rows in one statement. Plain SQL: every change
 * writes here, and a compiled Prisma insert costs ~0.4 ms more
 * (docs/decisions/002-raw-sql-for-hot-reads.md).
 */
export async function recordAuditMany(tx: Tx, who: Actor, entries: AuditEntry[]): Promise<void> {
  if (entries.length > 0) await tx.$executeRaw(auditRowsSql(who, entries));
}

/** The INSERT behind recordAuditMany, for callers that batch their statements. */
export function auditRowsSql(who: Actor, entries: AuditEntry[]): Prisma.Sql {
  const now = new Date();
  const rows = entries.map(
    (e) => Prisma.sql`(${who.merchantId}, ${who.actor}, ${e.action}, ${e.type}, ${e.id}, ${who.clientAddress ?? null}, ${who.requestId ?? null}, ${now})`,
  );
  return Prisma.sql`
    INSERT INTO "AuditLog" ("merchantId", "actor", "action", "targetType", "targetId", "clientAddress", "requestId", "createdAt")
    VALUES ${Prisma.join(rows)}`;
}

/**
 * Audit rows for the shipping addresses `source` yields (a table with a
 * WHERE, or a CTE's RETURNING), in one statement: lets a statement that
 * created addresses record them without knowing their generated ids.
 */
export function auditShippingRowsSql(who: Actor, action: AuditAction, source: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "AuditLog" ("merchantId", "actor", "action", "targetType", "targetId", "clientAddress", "requestId", "createdAt")
    SELECT ${who.merchantId}, ${who.actor}, ${action}, ${"shipping_address"}, CAST("id" AS TEXT),
      ${who.clientAddress ?? null}, ${who.requestId ?? null}, ${new Date()}
    FROM ${source}`;
}
