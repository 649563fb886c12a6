import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import { recordAudit, type Actor } from "./record-audit";

/** Records that someone exported the audit log: who took a copy of it is itself worth knowing. */
export async function recordAuditExport(actor: Actor): Promise<void> {
  await writeTransaction((tx) => recordAudit(tx, actor, "audit_log.export", { type: "merchant", id: String(actor.merchantId) }));
}
