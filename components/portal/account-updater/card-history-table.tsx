import Link from "next/link";
import { Table, type TableColumn } from "@/components/ui/table";
import { formatTime } from "@/components/portal/format";
import { formatDate } from "@/components/portal/billing/format";
import { formatExpiry } from "@/components/portal/customers/format";
import { isAnswer, type CardAnswerEntry, type CardHistoryEntry } from "@/lib/account-updater/portal/card-history";
import { appliedWords, historyEventWords, reasonWords } from "./format";

const COLUMNS: TableColumn[] = [
  { label: "When", cellClassName: "whitespace-nowrap text-slate-700" },
  { label: "What", cellClassName: "text-slate-900" },
  { label: "Request", cellClassName: "whitespace-nowrap" },
];

/** A card's Account Updater history, newest first: the networks' answers, and its holds, releases and replacements. */
export function CardHistoryTable({ cardId, entries, hasOlder }: { cardId: string; entries: CardHistoryEntry[]; hasOlder: boolean }) {
  if (entries.length === 0) return <p className="text-sm text-slate-700">Never sent to the Account Updater, held or released.</p>;
  return (
    <>
      <Table
        caption={`Account Updater history of card ${cardId}, newest first`}
        columns={COLUMNS}
        alignTop
        rows={entries.map((entry, i) => ({
          key: i,
          testId: `au-history-${entry.kind}`,
          cells: [
            isAnswer(entry) ? formatDate(entry.responseDate ?? entry.requestDate) : formatTime(entry.at),
            isAnswer(entry) ? <AnswerWords key="what" entry={entry} /> : historyEventWords(entry),
            entry.requestId === null ? (
              "—"
            ) : (
              <Link key="request" href={`/portal/account-updater/${entry.requestId}`} className="text-blue-800 underline">
                {entry.requestId}
              </Link>
            ),
          ],
        }))}
      />
      {hasOlder ? <p className="mt-2 text-sm text-slate-600">Older entries are left out.</p> : null}
    </>
  );
}

function AnswerWords({ entry }: { entry: CardAnswerEntry }) {
  const changes = [
    entry.maskedNumberNew ? `new number ${entry.maskedNumberNew}` : null,
    entry.expDateNew ? `expiry ${formatExpiry(entry.expDate)} → ${formatExpiry(entry.expDateNew)}` : null,
  ].filter(Boolean);
  return (
    <>
      <span className="block">
        {entry.reasonCode === null ? `Sent on ${formatDate(entry.requestDate)}: awaiting the network's answer` : `Answer ${reasonWords(entry.reasonCode)}`}
      </span>
      {changes.length > 0 ? <span className="block font-mono text-xs text-slate-700">{changes.join("; ")}</span> : null}
      {entry.applied ? <span className="block text-slate-700">{appliedWords(entry.applied)}</span> : null}
    </>
  );
}
