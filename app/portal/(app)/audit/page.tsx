import { buttonClass } from "@/components/ui/button-class";
import { Pager, pageCountOf } from "@/components/ui/pager";
import { Panel } from "@/components/ui/panel";
import { Table, type TableColumn } from "@/components/ui/table";
import { FilterActions, FilterField } from "@/components/portal/filter-field";
import { formatTime } from "@/components/portal/format";
import { PageHeader } from "@/components/portal/page-header";
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from "@/lib/audit/audit-actions";
import { browseAuditLog } from "@/lib/audit/browse-audit-log";
import { parseAuditFilter, type AuditFilterValues } from "@/lib/portal/audit-filter";
import { filterQuery } from "@/lib/portal/filter-query";
import { requirePortalUser } from "@/lib/portal/current-user";
import { listUsers } from "@/lib/users/list-users";

export const metadata = { title: "Audit log · Customer Vault" };

const choices = (names: readonly string[]) => names.map((name) => [name, name] as const);

// Action and target type are picked from the names the log records; actor and target ID are free text (their values are ids).
const FILTERS: { name: keyof AuditFilterValues; label: string; type?: "date"; hint?: string; options?: readonly (readonly [string, string])[] }[] = [
  { name: "actor", label: "Actor", hint: "user:12, api_key:3, cli" },
  { name: "action", label: "Action", options: choices(AUDIT_ACTIONS) },
  { name: "targetType", label: "Target type", options: choices(AUDIT_TARGET_TYPES) },
  { name: "targetId", label: "Target ID" },
  { name: "from", label: "From", type: "date" },
  { name: "to", label: "To", type: "date" },
];

const COLUMNS: TableColumn[] = [
  { label: "Time", cellClassName: "whitespace-nowrap text-slate-700" },
  { label: "Actor", cellClassName: "text-slate-900" },
  { label: "Action", cellClassName: "font-mono text-slate-900" },
  { label: "Target", cellClassName: "text-slate-900" },
  { label: "From", cellClassName: "text-slate-700" },
];

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requirePortalUser({ permission: "audit.read" });
  const query = await searchParams;
  const { values, filter, errors } = parseAuditFilter(query);
  const page = Math.max(1, Number.parseInt(typeof query.page === "string" ? query.page : "1", 10) || 1);
  const merchantId = session.user.merchantId;
  const [result, users] = await Promise.all([browseAuditLog({ merchantId, ...filter, page, pageSize: 50 }), listUsers({ merchantId })]);
  // Staff read "ana@shop.example", not "user:12"; the raw actor stays visible for filtering.
  const emails = new Map(users.map((u) => [`user:${u.id}`, u.email]));
  const filtered = Object.values(values).some(Boolean);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to your vault, keys, settings and users: who, what, when and from where."
        actions={
          <a href={`/portal/audit/export?${filterQuery(values)}`} className={buttonClass("secondary")} download>
            Export CSV
          </a>
        }
      />
      <div className="space-y-6">
        <Panel title="Filters">
          <form method="get" action="/portal/audit" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Filter the audit log">
            {FILTERS.map((f) => (
              <FilterField
                key={f.name}
                name={f.name}
                label={f.label}
                type={f.type}
                defaultValue={values[f.name]}
                placeholder={f.hint}
                options={f.options}
                error={errors[f.name]}
              />
            ))}
            <FilterActions submitLabel="Apply filters" clearHref="/portal/audit" filtered={filtered} />
          </form>
        </Panel>
        <Panel>
          {result.rows.length === 0 ? (
            <p className="py-8 text-center text-sm text-slate-700">{filtered ? "No entries match these filters." : "Nothing has been recorded yet."}</p>
          ) : (
            <Table
              caption="Audit log entries, newest first"
              columns={COLUMNS}
              rows={result.rows.map((row) => ({
                key: row.id,
                cells: [
                  formatTime(row.createdAt),
                  <>
                    {emails.get(row.actor) ?? row.actor}
                    {emails.has(row.actor) ? <span className="block text-xs text-slate-600">{row.actor}</span> : null}
                  </>,
                  row.action,
                  <>
                    {row.targetType} <span className="font-mono break-all">{row.targetId}</span>
                  </>,
                  row.clientAddress ?? "—",
                ],
              }))}
            />
          )}
          <Pager
            page={result.page}
            pageCount={pageCountOf(result.total, result.pageSize)}
            summary={`${result.total} in all`}
            href={(p) => `/portal/audit?${filterQuery(values, { page: String(p) })}`}
          />
        </Panel>
      </div>
    </>
  );
}
