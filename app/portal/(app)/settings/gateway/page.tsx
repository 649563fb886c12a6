import type { ReactNode } from "react";
import { PageHeader } from "@/components/portal/page-header";
import { formatTime } from "@/components/portal/format";
import { GatewayConnectionTest } from "@/components/portal/settings/gateway-connection-test";
import { SandboxSwitch } from "@/components/portal/settings/sandbox-switch";
import { UpstreamGatewayForm } from "@/components/portal/settings/upstream-gateway-form";
import { Panel } from "@/components/ui/panel";
import { nextMidnightUtc } from "@/lib/gateway/sandbox-connector";
import { getMerchantGateway } from "@/lib/gateway/set-merchant-gateway";
import { requirePortalUser } from "@/lib/portal/current-user";

export const metadata = { title: "Gateway · Customer Vault" };

export default async function GatewaySettingsPage() {
  const session = await requirePortalUser({ permission: "settings.read" });
  const gateway = await getMerchantGateway(session.user.merchantId);
  const isUpstream = gateway.connector === "upstream";
  return (
    <>
      <PageHeader
        title="Gateway"
        description="Where your sales, authorizations, verifies and credits go: the vault’s built-in sandbox, or your payment gateway upstream."
      />
      <div className="space-y-6">
        <Panel title="Current gateway">
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
            <Detail term="Connector">{isUpstream ? "Upstream gateway" : "Sandbox"}</Detail>
            {isUpstream ? (
              <>
                <Detail term="Upstream URL">
                  <span className="font-mono break-all">{gateway.upstreamUrl}</span>
                </Detail>
                <Detail term="Upstream merchant ID">{gateway.upstreamMerchantId}</Detail>
                <Detail term="Security key">{gateway.securityKeySet ? "Set (never shown)" : "Not set"}</Detail>
              </>
            ) : (
              <SandboxClock offsetSeconds={gateway.clockOffsetSeconds} />
            )}
          </dl>
          <div className="mt-6 space-y-4 border-t border-slate-200 pt-4">
            {/* A new gateway starts with no outcome shown: the last one was another gateway's. */}
            <GatewayConnectionTest key={`${gateway.connector} ${gateway.upstreamUrl ?? ""}`} />
            {isUpstream ? <SandboxSwitch /> : null}
          </div>
        </Panel>
        <Panel title={isUpstream ? "Change the upstream gateway" : "Use an upstream gateway"}>
          <UpstreamGatewayForm
            initial={{ upstreamUrl: gateway.upstreamUrl ?? "", upstreamMerchantId: gateway.upstreamMerchantId ?? "", securityKeySet: gateway.securityKeySet }}
          />
        </Panel>
      </div>
    </>
  );
}

/** The sandbox's clock (moved ahead with `merchant gateway --advance-clock`) and when its current batch closes. */
function SandboxClock({ offsetSeconds }: { offsetSeconds: number }) {
  const gatewayNow = new Date(Date.now() + offsetSeconds * 1000);
  const hours = Math.round(offsetSeconds / 3600);
  return (
    <>
      <Detail term="Sandbox clock">{offsetSeconds === 0 ? "Real time" : `${hours} ${hours === 1 ? "hour" : "hours"} ahead: ${formatTime(gatewayNow)}`}</Detail>
      <Detail term="Next settlement">{formatTime(nextMidnightUtc(gatewayNow))}</Detail>
    </>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-slate-600">{term}</dt>
      <dd className="mt-0.5 break-words text-slate-900">{children || "—"}</dd>
    </div>
  );
}
