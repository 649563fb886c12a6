"use client";
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { usePortal } from "../portal-context";
import { portalRequest } from "../portal-fetch";

/** "Archive" on a plan's page: its active version takes no new subscriptions; those it has go on. */
export function ArchivePlanButton({ planCode }: { planCode: string }) {
  const { csrf } = usePortal();
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger="Archive"
      title={`Archive plan ${planCode}?`}
      confirmLabel={`Archive ${planCode}`}
      onConfirm={async () => {
        const answer = await portalRequest(`/portal/api/plans/${planCode}/archive`, { csrf });
        if (!answer.ok) return answer.message;
        router.replace(`/portal/plans/${planCode}?archived=1`);
        router.refresh();
      }}
    >
      <p>No new subscription can join it, and its code is free for a new plan. Subscriptions already on it go on billing as before.</p>
    </ConfirmDialog>
  );
}
