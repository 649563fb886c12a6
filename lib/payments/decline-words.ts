// A decline in the words of the person paying (the hosted page), by the
// network's code: what happened and what they can do, never the code itself.

const WORDS: Record<string, string> = {
  "005": "Your bank declined this payment. Try another card, or contact your bank.",
  "006": "Your bank could not process this payment. Try again, or use another card.",
  "051": "The card does not have enough funds for this payment. Try another card.",
};

const CANNOT_USE = "This card cannot be used for this payment. Please use another card.";

export function declineInWords(rcode: string): string {
  if (rcode in WORDS) return WORDS[rcode] as string;
  // Lost, stolen, pick-up and fraud codes: the same plain answer, nothing that helps a thief.
  if (["007", "041", "043", "059"].includes(rcode)) return CANNOT_USE;
  return WORDS["005"] as string;
}
