import Link from "next/link";
import { Pager, pageCountOf } from "@/components/ui/pager";
import { Panel } from "@/components/ui/panel";
import { Table, type TableColumn } from "@/components/ui/table";
import { PageHeader } from "@/components/portal/page-header";
import { formatDate } from "@/components/portal/billing/format";
import { EnrolmentForm } from "@/components/portal/account-updater/enrolment-form";
import { methodWords } from "@/components/portal/account-updater/format";
import { RequestStatusBadge } from "@/components/portal/account-updater/request-status-badge";
import { getEnrolment } from "@/lib/account-updater/enrolment";
import { listRequests } from "@/lib/account-updater/portal/list-requests";
import { requirePortalUser } from "@/lib/portal/current-user";
import { can } from "@/lib/portal/permissions";

export const metadata = { title: "Account Updater · Customer Vault" };

const COUNT = "whitespace-nowrap text-right tabular-nums text-slate-900";

const COLUMNS: TableColumn[] = [
  { label: "request_id", cellClassName: "tabular-nums" },
  { label: "Method", cellClassName: "text-slate-700" },
  { label: "Status" },
  { label: "Requested", cellClassName: "whitespace-nowrap text-slate-700" },
  { label: "Answered", cellClassName: "whitespace-nowrap text-slate-700" },
  { label: "Sent", className: "text-right", cellClassName: COUNT },
  { label: "Answers", className: "text-right", cellClassName: COUNT },
  { label: "Updates", className: "text-right", cellClassName: COUNT },
  { label: "Rejected", className: "text-right", cellClassName: COUNT },
];

/** The merchant's enrolment (with its form for the roles that may change it) and its requests, newest first. */
export default async function AccountUpdaterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requirePortalUser();
  const query = await searchParams;
  const page = Math.max(1, Number.parseInt(typeof query.page === "string" ? query.page : "1", 10) || 1);
  const merchantId = session.user.merchantId;
  const [enrolment, requests] = await Promise.all([getEnrolment(merchantId), listRequests({ merchantId, page: Math.min(page, 1_000_000_000), pageSize: 25 })]);
  return (
    <>
      <PageHeader
        title="Account Updater"
        description="Card networks tell the vault about your customers' reissued and closed cards: new expiry dates and numbers are applied to the stored card under the same card_id, and closed cards are held. Only matches are billed."
      />
      <div className="space-y-6">
        <Panel title="Enrolment">
          <p className="mb-4 text-sm text-slate-800" data-testid="au-enrolment">
            {enrolment.enrolled
              ? `Enrolled: your eligible cards are sent on day ${enrolment.harvestDay} of each month.`
              : "Not enrolled: no card of yours is sent to the networks."}
          </p>
          {can(session.user.role, "account_updater.write") ? <EnrolmentForm enrolment={enrolment} /> : null}
        </Panel>
        <Panel title="Requests">
          {requests.rows.length === 0 ? (
            <p className="py-8 text-center text-sm text-slate-700">No requests yet.</p>
          ) : (
            <Table
              caption="Account Updater requests, newest first"
              columns={COLUMNS}
              rows={requests.rows.map((request) => ({
                key: request.requestId,
                testId: `au-request-${request.requestId}`,
                cells: [
                  <Link key="id" href={`/portal/account-updater/${request.requestId}`} className="font-medium text-blue-800 underline">
                    {request.requestId}
                  </Link>,
                  methodWords(request.method),
                  <RequestStatusBadge key="status" status={request.status} />,
                  formatDate(request.requestDate),
                  formatDate(request.responseDate),
                  request.cntRequest,
                  request.cntResponse,
                  request.cntUpdate,
                  request.cntRejected,
                ],
              }))}
            />
          )}
          <Pager
            page={requests.page}
            pageCount={pageCountOf(requests.total, requests.pageSize)}
            summary={`${requests.total} in all`}
            previousLabel="Newer"
            nextLabel="Older"
            href={(p) => `/portal/account-updater?page=${p}`}
          />
        </Panel>
      </div>
    </>
  );
}
