import type { LinkState } from "@/lib/checkout/schemas";

const STYLES: Record<LinkState, string> = {
  open: "bg-green-100 text-green-900",
  spent: "bg-slate-200 text-slate-800",
  expired: "bg-amber-100 text-amber-900",
  locked: "bg-red-100 text-red-900",
  pending: "bg-blue-100 text-blue-900",
  cancelled: "bg-slate-200 text-slate-800",
};

/** The Links page's state filter: each state, with what it means in a few words. */
export const LINK_STATE_CHOICES: readonly (readonly [LinkState, string])[] = [
  ["open", "Open"],
  ["pending", "Pending (payment being confirmed)"],
  ["spent", "Spent (card saved or paid)"],
  ["expired", "Expired"],
  ["locked", "Locked (too many failed attempts)"],
  ["cancelled", "Cancelled"],
];

/** A link's state as a coloured word (the word carries the meaning; colour only helps). */
export function StateBadge({ state }: { state: LinkState }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STYLES[state]}`}>{state}</span>;
}
