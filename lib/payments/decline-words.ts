import type { MessageId } from "../i18n/messages";

// A decline in the words of the person paying (the hosted page), by the
// network's code: what happened and what they can do, never the code itself.
// The words are the page's messages (lib/i18n/messages/), in its language.

const WORDS: Record<string, MessageId> = {
  "005": "decline.declined",
  "006": "decline.not_processed",
  "051": "decline.funds",
};

export function declineInWords(rcode: string): MessageId {
  if (rcode in WORDS) return WORDS[rcode] as MessageId;
  // Lost, stolen, pick-up and fraud codes: the same plain answer, nothing that helps a thief.
  if (["007", "041", "043", "059"].includes(rcode)) return "decline.cannot_use";
  return "decline.declined";
}
