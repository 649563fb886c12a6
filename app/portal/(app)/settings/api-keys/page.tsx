import { PageHeader } from "@/components/portal/page-header";
import { CreateApiKeyForm } from "@/components/portal/settings/create-api-key-form";
import { formatTime } from "@/components/portal/format";
import { RevokeApiKeyButton } from "@/components/portal/settings/revoke-api-key-button";
import { Panel } from "@/components/ui/panel";
import { requirePortalUser } from "@/lib/portal/current-user";
import { listApiKeys } from "@/lib/merchants/api-keys";

export const metadata = { title: "API keys · Customer Vault" };

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
            <div className="-mx-4 overflow-x-auto">
              <table className="w-full min-w-[40rem] text-left text-sm">
                <caption className="sr-only">API keys</caption>
                <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-600 uppercase">
                  <tr>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Label
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Key
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Created
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Last used
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Status
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {keys.map((key) => {
                    const name = key.label ?? `key ${key.prefix}…`;
                    return (
                      <tr key={key.id} data-testid={`api-key-${key.id}`}>
                        <td className="px-4 py-2 font-medium text-slate-900">{key.label ?? <span className="text-slate-600">(no label)</span>}</td>
                        <td className="px-4 py-2 font-mono text-slate-800">{key.prefix}…</td>
                        <td className="px-4 py-2 whitespace-nowrap text-slate-700">{formatTime(key.createdAt)}</td>
                        <td className="px-4 py-2 whitespace-nowrap text-slate-700">{key.lastUsedAt ? formatTime(key.lastUsedAt) : "Never"}</td>
                        <td className="px-4 py-2">
                          {key.revokedAt ? (
                            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">Revoked {formatTime(key.revokedAt)}</span>
                          ) : (
                            <span className="rounded bg-green-50 px-1.5 py-0.5 text-xs font-medium text-green-800">Active</span>
                          )}
                        </td>
                        <td className="px-4 py-2 text-right">{key.revokedAt ? null : <RevokeApiKeyButton id={key.id} name={name} />}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </Panel>
      </div>
    </>
  );
}
