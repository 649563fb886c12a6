import { PageHeader } from "@/components/portal/page-header";
import { BrandingForm } from "@/components/portal/settings/branding-form";
import { Panel } from "@/components/ui/panel";
import { requirePortalUser } from "@/lib/portal/current-user";
import { getBranding } from "@/lib/merchants/branding";

export const metadata = { title: "Branding · Customer Vault" };

export default async function BrandingPage() {
  const session = await requirePortalUser({ permission: "settings.read" });
  const branding = await getBranding(session.user.merchantId);
  return (
    <>
      <PageHeader title="Branding" description="How your hosted card pages look to customers: your name, your logo and your colour." />
      <Panel>
        <BrandingForm initial={branding} />
      </Panel>
    </>
  );
}
