// The API key check, as lib/auth/authenticate-api-key.ts does it: the key
// from the Basic header (username, then password), its SHA-256, one SELECT,
// refused when revoked; the key's "last used" time written at most once a
// minute, off the request's path.
import { hashApiKey } from "@/lib/auth/api-key-material";
import { apiKeyCandidatesFromAuthorization } from "@/lib/auth/parse-basic-auth";
import { FloorRefusal } from "./floor-http";
import type { FloorStore } from "./floor-store";

export type FloorCaller = { merchantId: bigint; apiKeyId: number };

const LAST_USED_WRITE_INTERVAL_MS = 60_000;
const lastUsedWrittenAt = new Map<number, number>();

export async function authenticate(store: FloorStore, authorization: string | undefined): Promise<FloorCaller> {
  for (const candidate of apiKeyCandidatesFromAuthorization(authorization ?? null)) {
    const key = await store.apiKeyByHash(hashApiKey(candidate));
    if (key && !key.revoked) {
      touchLastUsed(store, key.id);
      return { merchantId: key.merchantId, apiKeyId: key.id };
    }
  }
  throw new FloorRefusal("unauthorized");
}

function touchLastUsed(store: FloorStore, apiKeyId: number): void {
  const now = Date.now();
  if (now - (lastUsedWrittenAt.get(apiKeyId) ?? 0) < LAST_USED_WRITE_INTERVAL_MS) return;
  lastUsedWrittenAt.set(apiKeyId, now);
  void store.touchApiKey(apiKeyId, new Date(now)).catch(() => lastUsedWrittenAt.delete(apiKeyId));
}

/** A key acts for its own merchant only: a merchant_id naming another is a 403 (lib/api/api-route.ts). */
export function checkMerchantScope(own: bigint, value: unknown): void {
  if (value === null || value === undefined || value === "" || value === 0 || value === "0") return;
  const asText = typeof value === "number" || typeof value === "string" ? String(value) : "";
  if (!/^\d{1,16}$/.test(asText)) throw new FloorRefusal("validation", "Request validation failed", { merchant_id: "must be an integer merchant id" });
  if (BigInt(asText) !== own) throw new FloorRefusal("forbidden", "This API key cannot act for that merchant_id");
}
