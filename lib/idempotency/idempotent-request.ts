import "#server-only";
import { getDb } from "../db/client";
import { ApiError, fieldError } from "../errors/api-error";
import { isUniqueViolation } from "../errors/to-api-error";
import { fingerprint } from "../crypto/fingerprint";

/** How long a key is remembered: a day covers any client's retries (docs/api-contract.md). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

export type IdempotencyScope = { merchantId: bigint; method: string; path: string; key: string };
export type StoredResponse = { status: number; body: string };
export type IdempotencyStart = { kind: "new"; recordId: number } | { kind: "replay"; response: StoredResponse };

/** Validates the header's value: 1–255 visible ASCII characters. */
export function parseIdempotencyKey(header: string | null): string | null {
  if (header === null) return null;
  if (!/^[\x21-\x7e]{1,255}$/.test(header)) {
    throw fieldError("Idempotency-Key", "must be 1 to 255 visible ASCII characters");
  }
  return header;
}

/**
 * A keyed hash (HMAC under the fingerprint key) of the raw body: what tells a
 * retry from a different request. Keyed, not a plain SHA-256, because the
 * body may hold a card number and the stored answer its first six and last
 * four digits: an unkeyed hash of the two together could be brute-forced.
 */
export function hashRequestBody(body: string): string {
  return fingerprint(`idempotency-body:${body}`);
}

/**
 * Claims the key for this request, or answers with what the first request
 * answered. The same key with another body, or while the first is still
 * running, is a 409.
 */
export async function beginIdempotentRequest(scope: IdempotencyScope, requestHash: string): Promise<IdempotencyStart> {
  const db = getDb();
  const where = { merchantId_method_path_key: scope };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const created = await db.$transaction((tx) =>
        tx.idempotencyRecord.create({
          data: { ...scope, requestHash, state: "running", expiresAt: new Date(Date.now() + IDEMPOTENCY_RETENTION_MS) },
          select: { id: true },
        }),
      );
      return { kind: "new", recordId: created.id };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const existing = await db.idempotencyRecord.findUnique({ where });
    if (!existing) continue; // it was removed between our insert and read: claim again
    if (existing.expiresAt.getTime() <= Date.now()) {
      await db.$transaction((tx) => tx.idempotencyRecord.deleteMany({ where: { id: existing.id } }));
      continue;
    }
    if (existing.requestHash !== requestHash) {
      throw new ApiError("idempotency_conflict", "Idempotency-Key was already used with a different request");
    }
    if (existing.state !== "done" || existing.responseStatus === null || existing.responseBody === null) {
      throw new ApiError("idempotency_conflict", "A request with this Idempotency-Key is still being processed");
    }
    return { kind: "replay", response: { status: existing.responseStatus, body: existing.responseBody } };
  }
  throw new ApiError("idempotency_conflict", "Idempotency-Key could not be claimed; retry");
}

/**
 * Records the answer for replays. A server error or a 429 (a rate limit, over
 * when its window ends) is not remembered: the key is released so the
 * client's retry runs the request again.
 */
export async function finishIdempotentRequest(recordId: number, response: StoredResponse): Promise<void> {
  const db = getDb();
  if (response.status >= 500 || response.status === 429) {
    await db.$transaction((tx) => tx.idempotencyRecord.deleteMany({ where: { id: recordId } }));
    return;
  }
  await db.$transaction((tx) =>
    tx.idempotencyRecord.update({
      where: { id: recordId },
      data: { state: "done", responseStatus: response.status, responseBody: response.body },
    }),
  );
}
