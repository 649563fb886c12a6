import Link from "next/link";
import { PageHeader } from "@/components/portal/page-header";
import { WebhookForm } from "@/components/portal/settings/webhook-form";
import { StatusBadge } from "@/components/portal/settings/webhook-status-badge";
import { Panel } from "@/components/ui/panel";
import { requirePortalUser } from "@/lib/portal/current-user";
import { browseWebhooks } from "@/lib/webhooks/browse-webhooks";
import { BrowseWebhooksQuerySchema } from "@/lib/webhooks/schemas";

export const metadata = { title: "Webhooks · Customer Vault" };

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
            <div className="-mx-4 overflow-x-auto">
              <table className="w-full min-w-[36rem] text-left text-sm">
                <caption className="sr-only">Webhooks</caption>
                <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-600 uppercase">
                  <tr>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Label
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Notification URL
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Events
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Status
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {page.data.map((webhook) => (
                    <tr key={webhook.webhook_id}>
                      <td className="px-4 py-2">
                        <Link
                          href={`/portal/settings/webhooks/${webhook.webhook_id}`}
                          className="font-medium text-blue-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-700"
                        >
                          {webhook.label}
                        </Link>
                      </td>
                      <td className="max-w-72 truncate px-4 py-2 font-mono text-slate-800" title={webhook.notification_url}>
                        {webhook.notification_url}
                      </td>
                      <td className="px-4 py-2 text-slate-700">{webhook.events.length}</td>
                      <td className="px-4 py-2">
                        <StatusBadge status={webhook.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
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
