import { RETRY_DAYS, cursorAfter, retryDay, type SubscriptionTerms } from "../subscriptions/subscription-cursor";
import { SETUP_SEQ, type BillingCharge } from "./billing-charge";

// What a gateway's answer to a subscription's charge does to the
// subscription (docs/billing.md, "Declines"). Pure: the run turns it into
// SQL (charge-writes.ts), and the tests read the rules here.
//
// - Approved: the cursor moves to the next cycle; after the last one the
//   subscription is complete (D).
// - A soft decline (005, 006, 051) is retried 1, 3 and 5 days after the
//   cycle's date; a hard decline, or a soft one whose three retries ran out,
//   suspends the subscription (S).
// - A setup fee moves no cursor: the subscription's add decides what its
//   decline means (cancel_on_setup_fail).

/** The sandbox's soft declines, and the network codes they stand for: insufficient funds, do not honor, error. */
export const SOFT_DECLINES: ReadonlySet<string> = new Set(["005", "006", "051"]);

export type SubscriptionChange =
  | { kind: "setup" }
  | { kind: "advance"; nextSeq: number; dueDay: number }
  | { kind: "complete" }
  | { kind: "retry"; declines: number; dueDay: number }
  | { kind: "suspend" };

/**
 * The change an answer makes. A retry is due on the day the rule says, but
 * never sooner after this attempt than the rule's gap between retries: a
 * cycle charged late (a subscription resumed from S charges its missed
 * cycles at once) still gets its retries spread out.
 */
export function changeAfterAnswer(
  terms: SubscriptionTerms,
  charge: Pick<BillingCharge, "seq" | "cycleDay">,
  answer: { approved: boolean; rcode: string },
  declinesSoFar: number,
  today: number,
): SubscriptionChange {
  if (charge.seq === SETUP_SEQ) return { kind: "setup" };
  if (answer.approved) {
    const next = cursorAfter(terms, charge.seq);
    return next.nextSeq === null || next.dueDay === null ? { kind: "complete" } : { kind: "advance", nextSeq: next.nextSeq, dueDay: next.dueDay };
  }
  const declines = declinesSoFar + 1;
  const onSchedule = SOFT_DECLINES.has(answer.rcode) ? retryDay(charge.cycleDay, declines) : null;
  if (onSchedule === null) return { kind: "suspend" };
  const gap = RETRY_DAYS[declines]! - RETRY_DAYS[declines - 1]!;
  return { kind: "retry", declines, dueDay: Math.max(onSchedule, today + gap) };
}
