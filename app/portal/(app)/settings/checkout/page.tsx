import { PageHeader } from "@/components/portal/page-header";
import { OriginsEditor } from "@/components/portal/settings/origins-editor";
import { RedirectDefaultsForm } from "@/components/portal/settings/redirect-defaults-form";
import { SigningSecretRotation } from "@/components/portal/settings/signing-secret-rotation";
import { Panel } from "@/components/ui/panel";
import { requirePortalUser } from "@/lib/portal/current-user";
import { listOrigins } from "@/lib/merchants/origins";
import { getRedirectDefaults } from "@/lib/merchants/redirect-defaults";

export const metadata = { title: "Checkout settings · Customer Vault" };

export default async function CheckoutSettingsPage() {
  const session = await requirePortalUser({ permission: "settings.read" });
  const merchantId = session.user.merchantId;
  const [defaults, origins] = await Promise.all([getRedirectDefaults(merchantId), listOrigins(merchantId)]);
  return (
    <>
      <PageHeader
        title="Checkout settings"
        description="Where hosted pages send customers, which sites may embed the card form, and the secret that signs redirects."
      />
      <div className="space-y-6">
        <Panel title="Default redirect URLs">
          <RedirectDefaultsForm initial={defaults} />
        </Panel>
        <Panel title="Embedded form origins">
          <p className="mb-4 text-sm text-slate-700">Only pages on these origins may show the embedded card form in an iframe and receive its card token.</p>
          <OriginsEditor initial={origins} />
        </Panel>
        <Panel title="Redirect signing secret">
          <SigningSecretRotation />
        </Panel>
      </div>
    </>
  );
}
