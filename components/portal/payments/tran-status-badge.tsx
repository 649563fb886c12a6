// A transaction's tran_status letter as a coloured word (the word carries
// the meaning; colour only helps), with the letter the API answers beside it.
const STATUSES: Record<string, { word: string; style: string }> = {
  A: { word: "Authorized", style: "bg-blue-100 text-blue-900" },
  C: { word: "Captured", style: "bg-green-100 text-green-900" },
  S: { word: "Settled", style: "bg-slate-200 text-slate-800" },
  V: { word: "Voided", style: "bg-amber-100 text-amber-900" },
  D: { word: "Declined", style: "bg-red-100 text-red-900" },
  F: { word: "Unknown", style: "bg-purple-100 text-purple-900" },
};

export const STATUS_WORDS: [string, string][] = Object.entries(STATUSES).map(([letter, { word }]) => [letter, word]);

export function TranStatusBadge({ status }: { status: string }) {
  const shown = STATUSES[status] ?? { word: status, style: "bg-slate-200 text-slate-800" };
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${shown.style}`}>
      {shown.word} <span className="font-mono">({status})</span>
    </span>
  );
}
