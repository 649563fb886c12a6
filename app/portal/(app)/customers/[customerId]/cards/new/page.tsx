import { headers } from "next/headers";
import { Panel } from "@/components/ui/panel";
import { PageHeader } from "@/components/portal/page-header";
import { EmbeddedCardForm } from "@/components/portal/customers/embedded-card-form";
import { loadCustomer } from "@/components/portal/customers/load-customer";
import { requirePortalUser } from "@/lib/portal/current-user";
import { createTransientKey } from "@/lib/embedded/transient-key";
import { clientAddressIn } from "@/lib/http/client-address";

export const metadata = { title: "Add card · Customer Vault" };

/**
 * Adding a card: the vault's embedded card form in a frame, with a
 * single-use transient key made for the portal (framed by and posting to the
 * vault's own origin only), as GET /platform/embedded makes one for a shop.
 */
export default async function AddCardPage({ params }: { params: Promise<{ customerId: string }> }) {
  const session = await requirePortalUser({ permission: "customers.write" });
  const customer = await loadCustomer(session.user.merchantId, (await params).customerId);
  const request = await headers();
  const key = await createTransientKey(
    {
      merchantId: session.user.merchantId,
      actor: `user:${session.user.id}`,
      clientAddress: clientAddressIn(request),
    },
    { forPortal: true },
  );
  return (
    <>
      <PageHeader
        title="Add card"
        description={
          <>
            For customer <span className="font-mono">{customer.customer_id}</span>. The card is typed into the vault&apos;s secure form below; the portal only
            ever sees it masked.
          </>
        }
      />
      <Panel>
        <EmbeddedCardForm customerId={customer.customer_id} transientKey={key.transient_key} />
        <p className="mt-4 text-sm">
          <a href={`/portal/customers/${customer.customer_id}`} className="text-blue-800 underline">
            Back to the customer
          </a>
        </p>
      </Panel>
    </>
  );
}
