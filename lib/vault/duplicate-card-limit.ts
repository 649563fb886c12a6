import "#server-only";
import { getDb } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { rateLimited, waitInMinutes } from "../errors/api-error";
import { recordAudit, type Actor } from "../audit/record-audit";
import { isAuditTargetType, type AuditTargetType } from "../audit/audit-actions";
import { addRatePoint, rateLimitRetryAfter, type RateRule } from "../throttle/rate-limit";

// A card add answers 409 when the customer already has that number, and
// merchants rely on it. The same answer tells whoever holds a key whether a
// guessed number is stored: so card adds that answered 409 are counted per
// caller (the API key, or the portal user), and past the limit every card
// add by that caller is a 429 until the window ends (docs/api-contract.md,
// Card adds and duplicates). An integration that re-sends a card it already
// stored now and then stays far below it.
export const DUPLICATE_CARD_LIMIT: RateRule = { name: "duplicate-card", limit: 20, windowSeconds: 10 * 60 };

/** Refuses a card add (429) while the caller is over the duplicate-card limit. */
export async function refuseOverDuplicateCardLimit(actor: Actor): Promise<void> {
  const retryAfter = await rateLimitRetryAfter(getDb(), DUPLICATE_CARD_LIMIT, actor.actor);
  if (retryAfter > 0) {
    throw rateLimited(
      `Too many card adds named a card the customer already has (${DUPLICATE_CARD_LIMIT.limit} in ${DUPLICATE_CARD_LIMIT.windowSeconds / 60} minutes): ` +
        `card adds with these credentials are refused for ${waitInMinutes(retryAfter)}.`,
      retryAfter,
    );
  }
}

/**
 * Counts a card add that answered 409. The answer that reaches the limit
 * writes one audit row (card.duplicate_limit): the increment is made in the
 * database, so exactly one request sees the count reach it, once per window.
 */
export async function countDuplicateCardAnswer(actor: Actor): Promise<void> {
  await writeTransaction(async (tx) => {
    const { points } = await addRatePoint(tx, DUPLICATE_CARD_LIMIT, actor.actor);
    if (points === DUPLICATE_CARD_LIMIT.limit) {
      const [type, id] = splitActor(actor.actor);
      await recordAudit(tx, actor, "card.duplicate_limit", { type, id });
    }
  });
}

// "api_key:12" → the api_key 12; a user or anything else likewise.
// Card adds come from API keys and portal users; any other caller is named whole.
function splitActor(actor: string): [AuditTargetType, string] {
  const at = actor.indexOf(":");
  const type = actor.slice(0, at);
  return at > 0 && isAuditTargetType(type) ? [type, actor.slice(at + 1)] : ["actor", actor];
}
