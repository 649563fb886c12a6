import type { ReasonCode } from "../reason-codes";
import type { AccountUpdaterNetwork, NetworkAnswer, NetworkCard } from "./network";

// The built-in sandbox network (docs/account-updater.md, "The sandbox
// network"): no real card network can be reached from here, so this one
// answers by test card number, as pinned, and every other card with 200.
// Like a real network it answers later: a file sent on one pass is answered
// when it is collected on the next (the worker's next pass, or the sandbox
// clock's next day), because the run collects before it sends.
//
// A real network keeps the file it was sent; the sandbox keeps only what it
// decided, in the reference it hands back: the file's cards that get
// something other than 200, each as its card's ref and a rule's index. The
// reference never holds a card number (it is stored in plain text).

type Rule = { number: string; reasonCode: ReasonCode; newNumber?: string; addYears?: number };

export const SANDBOX_RULES: readonly Rule[] = [
  { number: "4000000000000010", reasonCode: "201", addYears: 3 },
  { number: "4000000000000028", reasonCode: "202", newNumber: "4000000000000036" },
  { number: "4000000000000044", reasonCode: "203" },
  { number: "4000000000000051", reasonCode: "204" },
  { number: "4000000000000069", reasonCode: "206" },
  { number: "5555555555554410", reasonCode: "202", newNumber: "5555555555554428", addYears: 2 },
];

const REFERENCE_PREFIX = "sandbox:";

export const sandboxNetwork: AccountUpdaterNetwork = {
  name: "sandbox",

  async send(cards: NetworkCard[]): Promise<string> {
    const matches: string[] = [];
    for (const card of cards) {
      const rule = card.withNumber((number) => SANDBOX_RULES.findIndex((candidate) => candidate.number === number));
      if (rule >= 0) matches.push(`${card.ref}.${rule}.${card.expDate}`);
    }
    return REFERENCE_PREFIX + matches.join(",");
  },

  async collect(reference: string, refs: number[]): Promise<NetworkAnswer[]> {
    if (!reference.startsWith(REFERENCE_PREFIX)) throw new Error("Not a sandbox network reference");
    const body = reference.slice(REFERENCE_PREFIX.length);
    const matched = new Map<number, { rule: Rule; expDate: string }>();
    for (const entry of body === "" ? [] : body.split(",")) {
      const [ref, rule, expDate] = entry.split(".");
      matched.set(Number(ref), { rule: SANDBOX_RULES[Number(rule)]!, expDate: expDate! });
    }
    return refs.map((ref) => {
      const match = matched.get(ref);
      return match ? answerOf(ref, match.rule, match.expDate) : { ref, reasonCode: "200" };
    });
  },
};

function answerOf(ref: number, rule: Rule, expDate: string): NetworkAnswer {
  const answer: NetworkAnswer = { ref, reasonCode: rule.reasonCode };
  if (rule.addYears) answer.expDateNew = laterExpiry(expDate, rule.addYears);
  const newNumber = rule.newNumber;
  if (newNumber) answer.withNewNumber = (use) => use(newNumber);
  return answer;
}

/** The same month, `years` later, as MMYY. */
function laterExpiry(mmyy: string, years: number): string {
  const year = (Number(mmyy.slice(2)) + years) % 100;
  return mmyy.slice(0, 2) + String(year).padStart(2, "0");
}
