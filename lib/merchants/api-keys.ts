import "#server-only";
import { getDb, type Tx } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { notFound } from "../errors/api-error";
import { recordAudit } from "../audit/record-audit";
import { newApiKeyMaterial } from "../auth/api-key-material";

// actor: "cli", "user:<id>", ...; a portal request also gives its address and request id for the audit row.
type Who = { merchantId: bigint; actor?: string; clientAddress?: string | null; requestId?: string | null };
type NewApiKey = Who & { label?: string };

const auditActor = (who: Who) => ({ merchantId: who.merchantId, actor: who.actor ?? "cli", clientAddress: who.clientAddress, requestId: who.requestId });

/** Creates an API key for a merchant; the key is returned once and stored only as a hash. */
export async function createApiKey(options: NewApiKey) {
  return writeTransaction(async (tx) => {
    const merchant = await tx.merchant.findUnique({ where: { id: options.merchantId }, select: { id: true } });
    if (!merchant) throw notFound("Merchant");
    return insertApiKey(tx, options);
  });
}

/** Stores a new key's hash and its audit row inside the caller's transaction (merchant creation uses it too). */
export async function insertApiKey(tx: Tx, options: NewApiKey) {
  const key = newApiKeyMaterial();
  const created = await tx.apiKey.create({
    data: { merchantId: options.merchantId, label: options.label ?? null, prefix: key.prefix, hash: key.hash },
    select: { id: true, prefix: true, label: true, createdAt: true },
  });
  await recordAudit(tx, auditActor(options), "api_key.create", {
    type: "api_key",
    id: String(created.id),
  });
  return { ...created, key: key.key };
}

/** Revokes a merchant's API key; requests with it get 401 from the next request on. */
export async function revokeApiKey(options: Who & { apiKeyId: number }) {
  return writeTransaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id: options.apiKeyId, merchantId: options.merchantId } });
    if (!key) throw notFound("API key");
    if (!key.revokedAt) {
      await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
      await recordAudit(tx, auditActor(options), "api_key.revoke", {
        type: "api_key",
        id: String(key.id),
      });
    }
  });
}

/** A merchant's API keys (never the keys themselves: prefix, label, dates). */
export async function listApiKeys(merchantId: bigint) {
  return getDb().apiKey.findMany({
    where: { merchantId },
    select: { id: true, prefix: true, label: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { id: "asc" },
  });
}
