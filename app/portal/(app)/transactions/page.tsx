import Link from "next/link";
import { Pager, pageCountOf } from "@/components/ui/pager";
import { Panel } from "@/components/ui/panel";
import { Table, type TableColumn } from "@/components/ui/table";
import { FilterActions, FilterField } from "@/components/portal/filter-field";
import { formatTime } from "@/components/portal/format";
import { PageHeader } from "@/components/portal/page-header";
import { STATUS_WORDS, TranStatusBadge } from "@/components/portal/payments/tran-status-badge";
import { formatMajorAmount } from "@/lib/payments/format-amount";
import { listTransactions, TRANSACTION_TYPES } from "@/lib/payments/list-transactions";
import { requirePortalUser } from "@/lib/portal/current-user";
import { filterQuery } from "@/lib/portal/filter-query";
import { parseTransactionFilter } from "@/lib/portal/transaction-filter";

export const metadata = { title: "Transactions · Customer Vault" };

const COLUMNS: TableColumn[] = [
  { label: "Time", cellClassName: "whitespace-nowrap text-slate-700" },
  { label: "Status" },
  { label: "Type", cellClassName: "text-slate-900" },
  { label: "Amount", cellClassName: "whitespace-nowrap text-right tabular-nums text-slate-900", className: "text-right" },
  { label: "Card", cellClassName: "whitespace-nowrap font-mono text-slate-900" },
  { label: "Customer", cellClassName: "text-slate-900" },
  { label: "Reference", cellClassName: "text-slate-700" },
];

export default async function TransactionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requirePortalUser();
  const query = await searchParams;
  const { values, filter, errors } = parseTransactionFilter(query);
  const page = Math.max(1, Number.parseInt(typeof query.page === "string" ? query.page : "1", 10) || 1);
  const result = await listTransactions({ merchantId: session.user.merchantId, ...filter, page, pageSize: 25 });
  const filtered = Object.values(values).some(Boolean);
  return (
    <>
      <PageHeader title="Transactions" description="Every charge, capture, refund and void, with what the gateway answered. Times and dates in UTC." />
      <div className="space-y-6">
        <Panel title="Find transactions">
          <form method="get" action="/portal/transactions" role="search" aria-label="Find transactions" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <div className="sm:col-span-2 lg:col-span-3">
              <FilterField
                name="q"
                label="Search"
                defaultValue={values.q}
                placeholder="pg_id, customer ID, your reference, purchase ID, or a card's last 4 digits"
              />
            </div>
            <FilterField
              name="status"
              label="Status"
              defaultValue={values.status}
              options={STATUS_WORDS.map(([letter, word]) => [letter, `${word} (${letter})`] as const)}
            />
            <FilterField name="type" label="Type" defaultValue={values.type} options={TRANSACTION_TYPES.map((type) => [type, type] as const)} />
            <div className="grid grid-cols-2 gap-4 sm:col-span-2 lg:col-span-1">
              <FilterField name="from" label="From" type="date" defaultValue={values.from} error={errors.from} />
              <FilterField name="to" label="To" type="date" defaultValue={values.to} error={errors.to} />
            </div>
            <FilterActions submitLabel="Search" clearHref="/portal/transactions" filtered={filtered} />
          </form>
        </Panel>
        <Panel>
          {result.rows.length === 0 ? (
            <p className="py-8 text-center text-sm text-slate-700">{filtered ? "No transactions match." : "No transactions yet."}</p>
          ) : (
            <Table
              caption="Transactions, newest first"
              columns={COLUMNS}
              rows={result.rows.map((row) => ({
                key: row.pg_id,
                testId: `transaction-${row.pg_id}`,
                cells: [
                  <Link key="time" href={`/portal/transactions/${row.pg_id}`} className="font-medium text-blue-800 underline">
                    {formatTime(row.tran_time)}
                  </Link>,
                  <TranStatusBadge key="status" status={row.tran_status} />,
                  row.tran_type,
                  formatMajorAmount(row.amt_tran, Number(row.tran_currency)),
                  row.card_number ?? "—",
                  row.customer_id ? (
                    <Link key="customer" href={`/portal/customers/${row.customer_id}`} className="text-blue-800 underline">
                      {row.customer_id}
                    </Link>
                  ) : (
                    "—"
                  ),
                  row.merch_ref_num ?? "—",
                ],
              }))}
            />
          )}
          <Pager
            page={result.page}
            pageCount={pageCountOf(result.total, result.pageSize)}
            summary={`${result.total} in all`}
            href={(p) => `/portal/transactions?${filterQuery(values, { page: String(p) })}`}
          />
        </Panel>
      </div>
    </>
  );
}
