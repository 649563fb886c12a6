import { notFound } from "next/navigation";
import { Breadcrumb } from "@/components/portal/breadcrumb";
import { PageHeader } from "@/components/portal/page-header";
import { formatTime } from "@/components/portal/format";
import { WebhookForm } from "@/components/portal/settings/webhook-form";
import { StatusBadge } from "@/components/portal/settings/webhook-status-badge";
import { WebhookStatusButton } from "@/components/portal/settings/webhook-status-button";
import { Alert } from "@/components/ui/alert";
import { Pager, pageCountOf } from "@/components/ui/pager";
import { Panel } from "@/components/ui/panel";
import { Table, type TableColumn } from "@/components/ui/table";
import { ApiError } from "@/lib/errors/api-error";
import { requirePortalUser } from "@/lib/portal/current-user";
import { getWebhook } from "@/lib/webhooks/get-webhook-or-throw";
import { getDelivery, listDeliveries } from "@/lib/webhooks/list-deliveries";

export const metadata = { title: "Webhook · Customer Vault" };

const PER_PAGE = 20;

const COLUMNS: TableColumn[] = [
  { label: "Event" },
  { label: "Status" },
  { label: "Attempts", cellClassName: "text-slate-800" },
  { label: "Last response", cellClassName: "text-slate-800" },
  { label: "Queued", cellClassName: "whitespace-nowrap text-slate-700" },
  { label: "Attempt log" },
];

type Props = { params: Promise<{ webhookId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function WebhookPage({ params, searchParams }: Props) {
  const session = await requirePortalUser({ permission: "settings.read" });
  const merchantId = session.user.merchantId;
  const { webhookId: raw } = await params;
  if (!/^\d{1,10}$/.test(raw)) notFound();
  const webhookId = Number(raw);
  const pageParam = (await searchParams).page;
  const page = typeof pageParam === "string" && /^\d{1,6}$/.test(pageParam) ? Number(pageParam) : 0;

  // Another merchant's webhook is unknown here, as it is to the API.
  const webhook = await getWebhook(merchantId, webhookId).catch((error: unknown) => {
    if (error instanceof ApiError && error.kind === "not_found") notFound();
    throw error;
  });
  const deliveries = await listDeliveries(merchantId, webhookId, { count: PER_PAGE, page });
  const withAttempts = await Promise.all(deliveries.data.map((d) => getDelivery(merchantId, webhookId, d.delivery_id)));
  const pages = pageCountOf(deliveries.totalRecords, PER_PAGE);

  return (
    <>
      <Breadcrumb parent={{ href: "/portal/settings/webhooks", label: "Webhooks" }} current={webhook.label} />
      <PageHeader
        title={webhook.label}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={webhook.status} />
            <span className="font-mono break-all">{webhook.notification_url}</span>
          </span>
        }
        actions={<WebhookStatusButton webhookId={webhook.webhook_id} label={webhook.label} status={webhook.status} />}
      />
      <div className="space-y-6">
        {webhook.status === "SUSPENDED" ? (
          <Alert tone="error">
            Suspended after 48 hours of failed deliveries. Fix the receiver, then enable the webhook: held deliveries under 48 hours old go out again.
          </Alert>
        ) : null}
        <Panel title={`Deliveries (${deliveries.totalRecords})`}>
          {withAttempts.length === 0 ? (
            <p className="py-6 text-center text-sm text-slate-600">No deliveries yet. They appear here once the vault’s worker sends events to this webhook.</p>
          ) : (
            <Table
              look="inset"
              className="min-w-[44rem]"
              alignTop
              caption="Deliveries, newest first"
              columns={COLUMNS}
              rows={withAttempts.map((d) => ({
                key: d.delivery_id,
                testId: `delivery-${d.delivery_id}`,
                cells: [
                  <>
                    <span className="font-mono text-slate-900">{d.event}</span>
                    <span className="block text-xs text-slate-600">{d.event_id}</span>
                  </>,
                  <>
                    <StatusBadge status={d.status} />
                    {d.next_attempt ? <span className="block text-xs text-slate-600">next {formatTime(d.next_attempt)}</span> : null}
                  </>,
                  d.attempts,
                  d.last_response_code ?? (d.last_error ? "no answer" : "—"),
                  formatTime(d.db_timestamp),
                  d.attempt_log.length === 0 ? (
                    <span className="text-slate-600">Not sent yet</span>
                  ) : (
                    <details>
                      <summary className="cursor-pointer text-blue-800 focus-visible:outline-2 focus-visible:outline-blue-700">
                        {d.attempt_log.length === 1 ? "1 attempt" : `${d.attempt_log.length} attempts`}
                      </summary>
                      <ol className="mt-2 space-y-1 text-xs text-slate-700">
                        {d.attempt_log.map((a, i) => (
                          <li key={i}>
                            {formatTime(a.attempted)} · {a.response_code !== null ? `HTTP ${a.response_code}` : "no response"} · {a.duration_ms} ms
                            {a.error ? ` · ${a.error}` : ""}
                          </li>
                        ))}
                      </ol>
                    </details>
                  ),
                ],
              }))}
            />
          )}
          {pages > 1 ? (
            // The API numbers delivery pages from 0; the pager counts from 1.
            <Pager page={page + 1} pageCount={pages} href={(p) => `?page=${p - 1}`} label="Deliveries pages" previousLabel="Newer" nextLabel="Older" />
          ) : null}
        </Panel>
        <Panel title="Settings">
          <WebhookForm webhook={webhook} />
        </Panel>
      </div>
    </>
  );
}
