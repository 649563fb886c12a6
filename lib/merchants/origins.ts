import "#server-only";
import { getDb } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { recordAudit, type Actor } from "../audit/record-audit";

// The origins a merchant registers for the embedded card form: the only
// pages allowed to frame it (CSP frame-ancestors) and the only targets of
// its postMessage. An origin is scheme://host[:port], nothing more.

export { parseOrigin } from "./parse-origin";

export async function listOrigins(merchantId: bigint): Promise<string[]> {
  const rows = await getDb().merchantOrigin.findMany({ where: { merchantId }, orderBy: { id: "asc" }, select: { origin: true } });
  return rows.map((r) => r.origin);
}

/** Adds and removes origins (already parsed), recording each change. Returns the merchant's origins after. */
export async function changeOrigins(actor: Actor, add: string[], remove: string[]): Promise<string[]> {
  await writeTransaction(async (tx) => {
    for (const origin of add) {
      const exists = await tx.merchantOrigin.findUnique({ where: { merchantId_origin: { merchantId: actor.merchantId, origin } } });
      if (exists) continue;
      await tx.merchantOrigin.create({ data: { merchantId: actor.merchantId, origin } });
      await recordAudit(tx, actor, "origin.add", { type: "origin", id: origin });
    }
    for (const origin of remove) {
      const removed = await tx.merchantOrigin.deleteMany({ where: { merchantId: actor.merchantId, origin } });
      if (removed.count > 0) await recordAudit(tx, actor, "origin.remove", { type: "origin", id: origin });
    }
  });
  return listOrigins(actor.merchantId);
}
