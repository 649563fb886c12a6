import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { Pager, pageCountOf } from "@/components/ui/pager";
import { Panel } from "@/components/ui/panel";
import { Table, type TableColumn } from "@/components/ui/table";
import { Breadcrumb } from "@/components/portal/breadcrumb";
import { PageHeader } from "@/components/portal/page-header";
import { formatDate } from "@/components/portal/billing/format";
import { cardBrand, formatExpiry } from "@/components/portal/customers/format";
import { appliedWords, methodWords, reasonWords } from "@/components/portal/account-updater/format";
import { RequestStatusBadge } from "@/components/portal/account-updater/request-status-badge";
import { getRequest } from "@/lib/account-updater/portal/get-request";
import { listRequestResults, type RequestResultRow } from "@/lib/account-updater/portal/list-request-results";
import { requirePortalUser } from "@/lib/portal/current-user";

type Props = { params: Promise<{ requestId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  return { title: `Account Updater request ${(await params).requestId} · Customer Vault` };
}

const PAGE_SIZE = 50;

const RESULT_COLUMNS: TableColumn[] = [
  { label: "Card", cellClassName: "whitespace-nowrap" },
  { label: "Expiry", cellClassName: "whitespace-nowrap tabular-nums text-slate-700" },
  { label: "Answer", cellClassName: "text-slate-900" },
  { label: "Now", cellClassName: "whitespace-nowrap font-mono text-xs text-slate-800" },
  { label: "Applied", cellClassName: "text-slate-700" },
];

const REJECTED_COLUMNS: TableColumn[] = [
  { label: "card_id", cellClassName: "font-mono text-xs" },
  { label: "Why it was not sent", cellClassName: "text-slate-800" },
];

/** One Account Updater request: its summary, each card sent with the network's answer and what it changed, and the cards it could not send. */
export default async function AccountUpdaterRequestPage({ params, searchParams }: Props) {
  const session = await requirePortalUser();
  const { requestId } = await params;
  if (!/^\d{1,10}$/.test(requestId)) notFound();
  const merchantId = session.user.merchantId;
  const request = await getRequest(merchantId, Number(requestId));
  if (!request) notFound();
  const query = await searchParams;
  const page = Math.max(1, Number.parseInt(typeof query.page === "string" ? query.page : "1", 10) || 1);
  const results = await listRequestResults({ merchantId, requestId: request.requestId, page: Math.min(page, 1_000_000_000), pageSize: PAGE_SIZE });

  return (
    <>
      <Breadcrumb parent={{ href: "/portal/account-updater", label: "Account Updater" }} current={String(request.requestId)} />
      <PageHeader title={`Request ${request.requestId}`} description={methodWords(request.method)} />
      <div className="space-y-6">
        <Panel title="Summary">
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-3" data-testid="au-request-summary">
            <Detail term="Status">
              <RequestStatusBadge status={request.status} />
            </Detail>
            <Detail term="Requested">{formatDate(request.requestDate)}</Detail>
            <Detail term="Answered">{formatDate(request.responseDate)}</Detail>
            <Detail term="Cards sent">{request.cntRequest}</Detail>
            <Detail term="Answers">{request.cntResponse}</Detail>
            <Detail term="Cards updated">{request.cntUpdate}</Detail>
          </dl>
        </Panel>

        <Panel title="Cards">
          {results.rows.length === 0 ? (
            <p className="text-sm text-slate-700">No card of this request was sent.</p>
          ) : (
            <Table
              caption={`Cards of request ${request.requestId}, in the order sent`}
              columns={RESULT_COLUMNS}
              alignTop
              rows={results.rows.map((row) => ({ key: row.resultId, testId: `au-result-${row.resultId}`, cells: resultCells(row) }))}
            />
          )}
          <Pager
            page={results.page}
            pageCount={pageCountOf(results.total, results.pageSize)}
            summary={`${results.total} cards`}
            href={(p) => `/portal/account-updater/${request.requestId}?page=${p}`}
          />
        </Panel>

        {request.rejected.length > 0 ? (
          <Panel title="Rejected cards">
            <Table
              caption={`Cards request ${request.requestId} named but did not send`}
              columns={REJECTED_COLUMNS}
              rows={request.rejected.map((card, i) => ({ key: i, testId: "au-rejected", cells: [card.card_id, card.reject_reason] }))}
            />
          </Panel>
        ) : null}
      </div>
    </>
  );
}

function resultCells(row: RequestResultRow): ReactNode[] {
  const card = (
    <span className="font-mono text-sm text-slate-900">
      {row.maskedNumber}
      <span className="ml-1 font-sans text-xs text-slate-600">{cardBrand(row.cardType)}</span>
    </span>
  );
  return [
    <span key="card" className="block">
      {row.customerId ? (
        <Link href={`/portal/customers/${row.customerId}`} className="text-blue-800 underline">
          {card}
        </Link>
      ) : (
        card
      )}
      {row.reference ? <span className="block text-xs text-slate-600">Your reference {row.reference}</span> : null}
      {row.cardId && !row.customerId ? <span className="block text-xs text-slate-600">The card was deleted since.</span> : null}
    </span>,
    formatExpiry(row.expDate),
    reasonWords(row.reasonCode),
    [row.maskedNumberNew, row.expDateNew ? `exp ${formatExpiry(row.expDateNew)}` : null].filter(Boolean).join(" · ") || "—",
    appliedWords(row.applied),
  ];
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-slate-600">{term}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}
