import type { RejectedCard } from "../requests/request-rows";

// A request's rejected cards are kept as the JSON array its answer gave
// ({card_id, reject_reason}); the portal reads them back here, tolerating
// nothing but that shape.

/** The rejected cards a request's column holds, in the order the request named them. */
export function parseRejectedCards(column: string): RejectedCard[] {
  const parsed: unknown = JSON.parse(column);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((entry) =>
    entry && typeof entry === "object" && typeof entry.card_id === "string" && typeof entry.reject_reason === "string"
      ? [{ card_id: entry.card_id as string, reject_reason: entry.reject_reason as string }]
      : [],
  );
}

export function rejectedCount(column: string): number {
  return parseRejectedCards(column).length;
}
