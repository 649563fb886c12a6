const STYLES: Record<string, string> = {
  open: "bg-green-100 text-green-900",
  spent: "bg-slate-200 text-slate-800",
  expired: "bg-amber-100 text-amber-900",
  locked: "bg-red-100 text-red-900",
  pending: "bg-blue-100 text-blue-900",
};

/** A link's state as a coloured word (the word carries the meaning; colour only helps). */
export function StateBadge({ state }: { state: string }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STYLES[state] ?? STYLES.spent}`}>{state}</span>;
}
