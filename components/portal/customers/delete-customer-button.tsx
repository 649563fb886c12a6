"use client";
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { usePortal } from "@/components/portal/portal-context";
import { portalRequest } from "@/components/portal/portal-fetch";

/** "Delete": after a confirmation, deletes the customer with its cards and addresses (cancelling its subscriptions), then shows the list. */
export function DeleteCustomerButton({ customerId, name }: { customerId: string; name: string }) {
  const { csrf } = usePortal();
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger="Delete"
      title={`Delete ${name}?`}
      confirmLabel="Delete customer"
      onConfirm={async () => {
        const answer = await portalRequest(`/portal/api/customers/${customerId}`, { csrf, method: "DELETE" });
        if (!answer.ok) return answer.message;
        router.push(`/portal/customers?deleted=${encodeURIComponent(customerId)}`);
      }}
    >
      <p>
        Customer <span className="font-mono">{customerId}</span> will be deleted with all of their cards and shipping addresses, and their subscriptions still
        running are cancelled. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
