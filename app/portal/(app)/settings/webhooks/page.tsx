import Link from "next/link";
import { PageHeader } from "@/components/portal/page-header";
import { WebhookForm } from "@/components/portal/settings/webhook-form";
import { StatusBadge } from "@/components/portal/settings/webhook-status-badge";
import { Panel } from "@/components/ui/panel";
import { Table, type TableColumn } from "@/components/ui/table";
import { requirePortalUser } from "@/lib/portal/current-user";
import { browseWebhooks } from "@/lib/webhooks/browse-webhooks";
import { BrowseWebhooksQuerySchema } from "@/lib/webhooks/schemas";

export const metadata = { title: "Webhooks · Customer Vault" };

const COLUMNS: TableColumn[] = [
  { label: "Label" },
  { label: "Notification URL", cellClassName: "max-w-72 truncate font-mono text-slate-800" },
  { label: "Events", cellClassName: "text-slate-700" },
  { label: "Status" },
];

export default async function WebhooksPage() {
  const session = await requirePortalUser({ permission: "settings.read" });
  const page = await browseWebhooks(session.user.merchantId, BrowseWebhooksQuerySchema.parse({ count: "100" }));
  return (
    <>
      <PageHeader title="Webhooks" description="Where the vault tells your servers about new cards, customers and changes, as they happen." />
      <div className="space-y-6">
        <Panel title={`Your webhooks (${page.totalRecords})`}>
          {page.data.length === 0 ? (
            <p className="py-6 text-center text-sm text-slate-600">No webhooks yet. Add one below to be told when a card is saved.</p>
          ) : (
            <Table
              look="inset"
              className="min-w-[36rem]"
              caption="Webhooks"
              columns={COLUMNS}
              rows={page.data.map((webhook) => ({
                key: webhook.webhook_id,
                cells: [
                  <Link
                    href={`/portal/settings/webhooks/${webhook.webhook_id}`}
                    className="font-medium text-blue-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-700"
                  >
                    {webhook.label}
                  </Link>,
                  // The cell cuts a long URL short; hovering shows it whole.
                  <span title={webhook.notification_url}>{webhook.notification_url}</span>,
                  webhook.events.length,
                  <StatusBadge status={webhook.status} />,
                ],
              }))}
            />
          )}
          {page.totalRecords > page.data.length ? <p className="mt-3 text-sm text-slate-600">Showing the first {page.data.length}.</p> : null}
        </Panel>
        <Panel title="Add a webhook">
          <WebhookForm />
        </Panel>
      </div>
    </>
  );
}
