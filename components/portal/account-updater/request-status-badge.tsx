// A request's status as a coloured word (the word carries the meaning;
// colour only helps), with the status the API answers beside it.
type Shown = { word: string; style: string };

const STATUSES: Record<string, Shown> = {
  INPROGRESS: { word: "In progress", style: "bg-purple-100 text-purple-900" },
  QUEUED: { word: "At the network", style: "bg-amber-100 text-amber-900" },
  COMPLETED: { word: "Completed", style: "bg-green-100 text-green-900" },
  CANCELED: { word: "Cancelled", style: "bg-slate-200 text-slate-800" },
};

export function RequestStatusBadge({ status }: { status: string }) {
  const shown = STATUSES[status] ?? { word: status, style: "bg-slate-200 text-slate-800" };
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${shown.style}`}>
      {shown.word} <span className="font-mono">({status})</span>
    </span>
  );
}
