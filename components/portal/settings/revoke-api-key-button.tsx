"use client";
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { usePortal } from "@/components/portal/portal-context";
import { portalRequest } from "@/components/portal/portal-fetch";

/** "Revoke" for one key, after a confirmation naming it. */
export function RevokeApiKeyButton({ id, name }: { id: number; name: string }) {
  const { csrf } = usePortal();
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger="Revoke"
      triggerVariant="secondary"
      triggerLabel={`Revoke ${name}`}
      title={`Revoke ${name}?`}
      confirmLabel="Revoke key"
      onConfirm={async () => {
        const answer = await portalRequest(`/portal/api/settings/api-keys/${id}`, { csrf, method: "DELETE" });
        if (!answer.ok) return answer.message;
        router.refresh();
        return null;
      }}
    >
      <p>Requests with this key are refused (401) from the next one on. This cannot be undone: a server using it needs a new key.</p>
    </ConfirmDialog>
  );
}
