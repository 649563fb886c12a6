import "#server-only";
import { getDb } from "../db/client";
import { recordAudit, type Actor } from "./record-audit";

/** Records that someone exported the audit log: who took a copy of it is itself worth knowing. */
export async function recordAuditExport(actor: Actor): Promise<void> {
  await getDb().$transaction((tx) => recordAudit(tx, actor, "audit_log.export", { type: "merchant", id: String(actor.merchantId) }));
}
