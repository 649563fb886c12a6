import { PageHeader } from "@/components/portal/page-header";
import { CreateApiKeyForm } from "@/components/portal/settings/create-api-key-form";
import { formatTime } from "@/components/portal/format";
import { RevokeApiKeyButton } from "@/components/portal/settings/revoke-api-key-button";
import { Panel } from "@/components/ui/panel";
import { Table, type TableColumn } from "@/components/ui/table";
import { requirePortalUser } from "@/lib/portal/current-user";
import { listApiKeys } from "@/lib/merchants/api-keys";

export const metadata = { title: "API keys · Customer Vault" };

const COLUMNS: TableColumn[] = [
  { label: "Label", cellClassName: "font-medium text-slate-900" },
  { label: "Key", cellClassName: "font-mono text-slate-800" },
  { label: "Created", cellClassName: "whitespace-nowrap text-slate-700" },
  { label: "Last used", cellClassName: "whitespace-nowrap text-slate-700" },
  { label: "Status" },
  { label: "Actions", hideLabel: true, cellClassName: "text-right" },
];

export default async function ApiKeysPage() {
  const session = await requirePortalUser({ permission: "settings.read" });
  const keys = await listApiKeys(session.user.merchantId);
  const active = keys.filter((k) => !k.revokedAt).length;
  return (
    <>
      <PageHeader title="API keys" description="Keys your servers use for the Platform API. Each is shown once, when it is created." />
      <div className="space-y-6">
        <Panel title="Create an API key">
          <CreateApiKeyForm />
        </Panel>
        <Panel title={`Keys (${active} active)`}>
          {keys.length === 0 ? (
            <p className="py-6 text-center text-sm text-slate-600">No API keys yet.</p>
          ) : (
            <Table
              look="inset"
              className="min-w-[40rem]"
              caption="API keys"
              columns={COLUMNS}
              rows={keys.map((key) => ({
                key: key.id,
                testId: `api-key-${key.id}`,
                cells: [
                  key.label ?? <span className="text-slate-600">(no label)</span>,
                  `${key.prefix}…`,
                  formatTime(key.createdAt),
                  key.lastUsedAt ? formatTime(key.lastUsedAt) : "Never",
                  key.revokedAt ? (
                    <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">Revoked {formatTime(key.revokedAt)}</span>
                  ) : (
                    <span className="rounded bg-green-50 px-1.5 py-0.5 text-xs font-medium text-green-800">Active</span>
                  ),
                  key.revokedAt ? null : <RevokeApiKeyButton id={key.id} name={key.label ?? `key ${key.prefix}…`} />,
                ],
              }))}
            />
          )}
        </Panel>
      </div>
    </>
  );
}
