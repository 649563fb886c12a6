// Billing's status letters as coloured words (the word carries the meaning;
// colour only helps), with the letter the API answers beside it, as the
// transactions' badge does.
type Shown = { word: string; style: string };

const PLAN: Record<string, Shown> = {
  E: { word: "Active", style: "bg-green-100 text-green-900" },
  A: { word: "Archived", style: "bg-slate-200 text-slate-800" },
  D: { word: "Deleted", style: "bg-red-100 text-red-900" },
};

const SUBSCRIPTION: Record<string, Shown> = {
  A: { word: "Active", style: "bg-green-100 text-green-900" },
  P: { word: "Paused", style: "bg-amber-100 text-amber-900" },
  S: { word: "Suspended", style: "bg-red-100 text-red-900" },
  C: { word: "Cancelled", style: "bg-slate-200 text-slate-800" },
  D: { word: "Complete", style: "bg-blue-100 text-blue-900" },
};

const LEDGER: Record<string, Shown> = {
  pending: { word: "Pending", style: "bg-purple-100 text-purple-900" },
  approved: { word: "Approved", style: "bg-green-100 text-green-900" },
  declined: { word: "Declined", style: "bg-red-100 text-red-900" },
  unknown: { word: "Unknown", style: "bg-purple-100 text-purple-900" },
  not_sent: { word: "Not sent", style: "bg-slate-200 text-slate-800" },
  review: { word: "Held for review", style: "bg-amber-100 text-amber-900" },
};

const words = (table: Record<string, Shown>): [string, string][] => Object.entries(table).map(([letter, { word }]) => [letter, word]);
export const PLAN_STATUS_WORDS = words(PLAN);
export const SUBSCRIPTION_STATUS_WORDS = words(SUBSCRIPTION);

function Badge({ shown, code }: { shown: Shown; code?: string }) {
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${shown.style}`}>
      {shown.word}
      {code ? <span className="font-mono"> ({code})</span> : null}
    </span>
  );
}

const unknown = (value: string): Shown => ({ word: value, style: "bg-slate-200 text-slate-800" });

export function PlanStatusBadge({ status }: { status: string }) {
  return <Badge shown={PLAN[status] ?? unknown(status)} code={status} />;
}

export function SubscriptionStatusBadge({ status }: { status: string }) {
  return <Badge shown={SUBSCRIPTION[status] ?? unknown(status)} code={status} />;
}

/** A ledger row's state (pending, approved, declined, ...), in words. */
export function ChargeStateBadge({ state }: { state: string }) {
  return <Badge shown={LEDGER[state] ?? unknown(state)} />;
}
