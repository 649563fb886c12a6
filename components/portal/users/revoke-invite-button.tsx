"use client";
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { usePortal } from "../portal-context";
import { portalRequest } from "../portal-fetch";

/** Withdraws a pending invitation; its link stops working. */
export function RevokeInviteButton({ inviteId, email }: { inviteId: string; email: string }) {
  const { csrf } = usePortal();
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger="Revoke"
      triggerVariant="secondary"
      triggerLabel={`Revoke the invitation for ${email}`}
      title={`Revoke the invitation for ${email}?`}
      confirmLabel="Revoke invitation"
      onConfirm={async () => {
        const answer = await portalRequest(`/portal/api/users/invites/${inviteId}`, { csrf, method: "DELETE" });
        if (!answer.ok) return answer.message;
        router.refresh();
        return null;
      }}
    >
      The link stops working. You can invite the same email again.
    </ConfirmDialog>
  );
}
