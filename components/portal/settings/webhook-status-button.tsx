"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { usePortal } from "@/components/portal/portal-context";
import { portalRequest } from "@/components/portal/portal-fetch";

/** "Disable" (confirmed: deliveries are held) or "Enable" (also after a suspension). */
export function WebhookStatusButton({ webhookId, label, status }: { webhookId: number; label: string; status: "ACTIVE" | "DISABLED" | "SUSPENDED" }) {
  const { csrf } = usePortal();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const change = async (next: "ACTIVE" | "DISABLED") => {
    const answer = await portalRequest(`/portal/api/settings/webhooks/${webhookId}/status`, { csrf, body: { status: next } });
    if (!answer.ok) return answer.message;
    router.refresh();
    return null;
  };
  const enable = async () => {
    setBusy(true);
    setProblem(null);
    setProblem(await change("ACTIVE"));
    setBusy(false);
  };
  if (status !== "ACTIVE") {
    return (
      <div className="space-y-2">
        {problem ? <Alert tone="error">{problem}</Alert> : null}
        <Button onClick={enable} disabled={busy}>
          {busy ? "Enabling…" : "Enable webhook"}
        </Button>
      </div>
    );
  }
  return (
    <ConfirmDialog
      trigger="Disable webhook"
      triggerVariant="secondary"
      title={`Disable “${label}”?`}
      confirmLabel="Disable"
      onConfirm={() => change("DISABLED")}
    >
      <p>
        Nothing is sent to it while it is disabled. Deliveries already queued are held and go out when you enable it again, unless they are over 48 hours old by
        then.
      </p>
    </ConfirmDialog>
  );
}
