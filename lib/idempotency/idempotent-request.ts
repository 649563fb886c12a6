import "#server-only";
import { directQuery, directWriteAtomically } from "../db/direct-sql";
import { FirstWrite, runWithFirstWrite } from "../db/first-write";
import { Prisma } from "../db/sql";
import { isUniqueViolation } from "../db/unique-violation";
import { ApiError, fieldError } from "../errors/api-error";
import { fingerprint } from "../crypto/fingerprint";

/** How long a key is remembered: a day covers any client's retries (docs/api-contract.md). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * How long after its effects committed a request may still be writing its
 * answer. A record left without an answer for longer belongs to a process
 * that stopped in between: the request was carried out, its answer is lost.
 */
const ANSWER_GRACE_MS = 30_000;

export type IdempotencyScope = { merchantId: bigint; method: string; path: string; key: string };
/** An answer as it is sent and replayed: the HTTP status and the JSON body. */
export type KeyedAnswer = { status: number; body: Record<string, unknown> };

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
 * Runs a keyed request at most once, and answers every retry with the first
 * request's answer (`replayed: true`).
 *
 * The key's record is claimed by the request's own first write transaction
 * (lib/db/first-write.ts), so the key is spent exactly when the effects
 * commit: a request that fails before writing leaves the key free, and of
 * two concurrent twins the one whose claim the unique index refuses rolls
 * back and replays the other's answer. The answer is written just after;
 * a process that stops in between leaves the key spent without an answer,
 * and retries get a 409 saying so instead of running the request twice.
 *
 * A refusal that wrote nothing is recorded too, so a retry gets the same
 * answer; a server error or a 429 is not, so a retry runs again.
 */
export async function answerOnce(
  scope: IdempotencyScope,
  requestHash: string,
  run: () => Promise<KeyedAnswer>,
): Promise<{ answer: KeyedAnswer; replayed: boolean }> {
  const earlier = await earlierAnswer(scope, requestHash);
  if (earlier) return { answer: earlier, replayed: true };

  const claim = new FirstWrite(recordSql(scope, requestHash, "applied", null));
  const answer = await runWithFirstWrite(claim, run).catch((error: unknown) => {
    if (claim.state === "refused") return null;
    throw error;
  });
  // Refused, whatever the run made of it: the twin's answer is the answer.
  if (answer === null || claim.state === "refused") return { answer: await winnersAnswer(scope, requestHash), replayed: true };
  const forgettable = answer.status >= 500 || answer.status === 429;
  if (claim.state === "committed") {
    // A 5xx after the effects committed keeps the key spent: running the request again could repeat them.
    if (answer.status === 429) await directWriteAtomically([deleteRecordSql(scope)]);
    else if (!forgettable) await directWriteAtomically([recordAnswerSql(scope, answer)]);
    return { answer, replayed: false };
  }
  if (forgettable) return { answer, replayed: false };
  try {
    await directWriteAtomically([recordSql(scope, requestHash, "done", answer)]);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { answer: await winnersAnswer(scope, requestHash), replayed: true };
  }
  return { answer, replayed: false };
}

type RecordRow = { requestHash: string; state: string; responseStatus: number | null; responseBody: string | null; createdAt: Date; expiresAt: Date };

/** The answer to replay, if the key was used before; a 409 if it was used for another request or has no answer yet. */
async function earlierAnswer(scope: IdempotencyScope, requestHash: string): Promise<KeyedAnswer | null> {
  const [record] = await directQuery<RecordRow>(Prisma.sql`
    SELECT "requestHash", "state", "responseStatus", "responseBody", "createdAt", "expiresAt"
    FROM "IdempotencyRecord" WHERE ${whereScope(scope)}`);
  if (!record) return null;
  if (record.expiresAt.getTime() <= Date.now()) {
    await directWriteAtomically([deleteRecordSql(scope)]);
    return null;
  }
  if (record.requestHash !== requestHash) {
    throw new ApiError("idempotency_conflict", "Idempotency-Key was already used with a different request");
  }
  if (record.state === "done" && record.responseStatus !== null && record.responseBody !== null) {
    return { status: record.responseStatus, body: JSON.parse(record.responseBody) as Record<string, unknown> };
  }
  if (Date.now() - record.createdAt.getTime() < ANSWER_GRACE_MS) {
    throw new ApiError("idempotency_conflict", "A request with this Idempotency-Key is still being processed");
  }
  throw new ApiError(
    "idempotency_conflict",
    "The request with this Idempotency-Key was carried out, but its answer was not recorded: look the result up instead of retrying",
  );
}

/** The answer of the concurrent twin that claimed the key first. */
async function winnersAnswer(scope: IdempotencyScope, requestHash: string): Promise<KeyedAnswer> {
  const answer = await earlierAnswer(scope, requestHash);
  if (answer) return answer;
  throw new ApiError("idempotency_conflict", "Idempotency-Key could not be claimed; retry");
}

function whereScope(scope: IdempotencyScope): Prisma.Sql {
  return Prisma.sql`"merchantId" = ${scope.merchantId} AND "method" = ${scope.method} AND "path" = ${scope.path} AND "key" = ${scope.key}`;
}

function recordSql(scope: IdempotencyScope, requestHash: string, state: "applied" | "done", answer: KeyedAnswer | null): Prisma.Sql {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + IDEMPOTENCY_RETENTION_MS);
  return Prisma.sql`
    INSERT INTO "IdempotencyRecord" ("merchantId", "method", "path", "key", "requestHash", "state", "responseStatus", "responseBody", "createdAt", "expiresAt")
    VALUES (${scope.merchantId}, ${scope.method}, ${scope.path}, ${scope.key}, ${requestHash}, ${state},
      ${answer?.status ?? null}, ${answer ? JSON.stringify(answer.body) : null}, ${now}, ${expiresAt})`;
}

function recordAnswerSql(scope: IdempotencyScope, answer: KeyedAnswer): Prisma.Sql {
  return Prisma.sql`
    UPDATE "IdempotencyRecord" SET "state" = ${"done"}, "responseStatus" = ${answer.status}, "responseBody" = ${JSON.stringify(answer.body)}
    WHERE ${whereScope(scope)}`;
}

function deleteRecordSql(scope: IdempotencyScope): Prisma.Sql {
  return Prisma.sql`DELETE FROM "IdempotencyRecord" WHERE ${whereScope(scope)}`;
}
