import "server-only";
import type { Tx } from "../db/client";
import { Prisma } from "../db/sql";

/** Who did something and from where: carried from the request into every change. */
export type Actor = {
  merchantId: bigint;
  /** "api_key:<id>", "cli", later "user:<id>". */
  actor: string;
  clientAddress?: string | null;
  requestId?: string | null;
};

export type AuditEntry = { action: string; type: string; id: string };

/**
 * Appends one audit row inside the caller's transaction, so the change and
 * its record commit together or not at all. Never put card data in a target id.
 */
export async function recordAudit(tx: Tx, who: Actor, action: string, target: { type: string; id: string }): Promise<void> {
  await recordAuditMany(tx, who, [{ action, type: target.type, id: target.id }]);
}

/**
 * Appends several audit rows in one statement. Plain SQL: every change
 * writes here, and a compiled Prisma insert costs ~0.4 ms more
 * (docs/decisions/002-raw-sql-for-hot-reads.md).
 */
export async function recordAuditMany(tx: Tx, who: Actor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const now = new Date();
  const rows = entries.map(
    (e) =>
      Prisma.sql`(${who.merchantId}, ${who.actor}, ${e.action}, ${e.type}, ${e.id}, ${who.clientAddress ?? null}, ${who.requestId ?? null}, ${now})`,
  );
  await tx.$executeRaw`
    INSERT INTO "AuditLog" ("merchantId", "actor", "action", "targetType", "targetId", "clientAddress", "requestId", "createdAt")
    VALUES ${Prisma.join(rows)}`;
}
