import "#server-only";
import { getDb } from "../db/client";
import { directQuery } from "../db/direct-sql";
import { Prisma } from "../db/sql";
import { ApiError } from "../errors/api-error";
import { hashApiKey } from "./api-key-material";
import { apiKeyCandidatesFromAuthorization } from "./parse-basic-auth";

export type ApiCaller = { merchantId: bigint; apiKeyId: number };

// last_used_at is for humans ("used 3 minutes ago"), so one write per key per
// minute is plenty and keeps a write off the hot path of every request.
const LAST_USED_WRITE_INTERVAL_MS = 60_000;
const lastUsedWrittenAt = new Map<number, number>();

/** The merchant behind a request's Basic credentials, or a 401. */
export async function authenticateApiKey(authorization: string | null): Promise<ApiCaller> {
  for (const candidate of apiKeyCandidatesFromAuthorization(authorization)) {
    // Direct: this runs on every request (lib/db/direct-sql.ts).
    const [key] = await directQuery<{ id: number; merchantId: bigint; revokedAt: Date | null }>(
      Prisma.sql`SELECT "id", "merchantId", "revokedAt" FROM "ApiKey" WHERE "hash" = ${hashApiKey(candidate)}`,
    );
    if (key && !key.revokedAt) {
      touchLastUsed(key.id);
      return { merchantId: key.merchantId, apiKeyId: key.id };
    }
  }
  throw new ApiError("unauthorized");
}

function touchLastUsed(apiKeyId: number): void {
  const now = Date.now();
  if (now - (lastUsedWrittenAt.get(apiKeyId) ?? 0) < LAST_USED_WRITE_INTERVAL_MS) return;
  lastUsedWrittenAt.set(apiKeyId, now);
  // In a transaction: on SQLite every write must be, see lib/db/client.ts. Not
  // writeTransaction: this background write must never carry a request's first
  // write (lib/db/first-write.ts), which would then commit apart from its effects.
  // eslint-disable-next-line no-restricted-syntax -- the reason above
  void getDb()
    .$transaction((tx) => tx.apiKey.update({ where: { id: apiKeyId }, data: { lastUsedAt: new Date(now) } }))
    .catch(() => lastUsedWrittenAt.delete(apiKeyId));
}
