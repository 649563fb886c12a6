import "server-only";
import type { Tx } from "../db/client";

/** Who did something and from where: carried from the request into every change. */
export type Actor = {
  merchantId: bigint;
  /** "api_key:<id>", "cli", later "user:<id>". */
  actor: string;
  clientAddress?: string | null;
  requestId?: string | null;
};

/**
 * Appends one audit row inside the caller's transaction, so the change and
 * its record commit together or not at all. Never put card data in targetId.
 */
export async function recordAudit(
  tx: Tx,
  who: Actor,
  action: string,
  target: { type: string; id: string },
): Promise<void> {
  await tx.auditLog.create({
    data: {
      merchantId: who.merchantId,
      actor: who.actor,
      action,
      targetType: target.type,
      targetId: target.id,
      clientAddress: who.clientAddress ?? null,
      requestId: who.requestId ?? null,
    },
  });
}

/** Appends several audit rows in one statement (a customer added with its cards). */
export async function recordAuditMany(
  tx: Tx,
  who: Actor,
  entries: { action: string; type: string; id: string }[],
): Promise<void> {
  await tx.auditLog.createMany({
    data: entries.map((entry) => ({
      merchantId: who.merchantId,
      actor: who.actor,
      action: entry.action,
      targetType: entry.type,
      targetId: entry.id,
      clientAddress: who.clientAddress ?? null,
      requestId: who.requestId ?? null,
    })),
  });
}
