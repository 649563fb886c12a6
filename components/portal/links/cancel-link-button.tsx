"use client";
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { usePortal } from "../portal-context";
import { portalRequest } from "../portal-fetch";

/** "Cancel link" on an open link, after a confirmation: the link's page then tells the customer it cannot be used. */
export function CancelLinkButton({ checkoutId, customerId, created }: { checkoutId: string; customerId: string; created: string }) {
  const { csrf } = usePortal();
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger="Cancel link"
      triggerLabel={`Cancel the link for ${customerId} created ${created}`}
      title="Cancel this link?"
      confirmLabel="Cancel link"
      dismissLabel="Keep link"
      onConfirm={async () => {
        const answer = await portalRequest(`/portal/api/links/${checkoutId}/cancel`, { csrf });
        if (!answer.ok) return answer.message;
        router.refresh();
      }}
    >
      <p>
        The link for customer <span className="font-mono">{customerId}</span> stops working at once: its page tells the customer it cannot be used. This cannot
        be undone; make a new link if they need one.
      </p>
    </ConfirmDialog>
  );
}
