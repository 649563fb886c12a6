"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { usePortal } from "@/components/portal/portal-context";
import { portalRequest } from "@/components/portal/portal-fetch";
import { ConfirmDialog } from "./confirm-dialog";

/** "Disable" (confirmed: deliveries are held) or "Enable" (also after a suspension). */
export function WebhookStatusButton({ webhookId, label, status }: { webhookId: number; label: string; status: "ACTIVE" | "DISABLED" | "SUSPENDED" }) {
  const { csrf } = usePortal();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const change = async (next: "ACTIVE" | "DISABLED") => {
    setBusy(true);
    setProblem(null);
    const answer = await portalRequest(`/portal/api/settings/webhooks/${webhookId}/status`, { csrf, body: { status: next } });
    setBusy(false);
    if (!answer.ok) return setProblem(answer.message);
    setConfirming(false);
    router.refresh();
  };
  if (status !== "ACTIVE") {
    return (
      <div className="space-y-2">
        {problem ? <Alert tone="error">{problem}</Alert> : null}
        <Button onClick={() => change("ACTIVE")} disabled={busy}>
          {busy ? "Enabling…" : "Enable webhook"}
        </Button>
      </div>
    );
  }
  return (
    <>
      <Button variant="secondary" onClick={() => setConfirming(true)}>
        Disable webhook
      </Button>
      <ConfirmDialog
        open={confirming}
        title={`Disable “${label}”?`}
        confirmLabel="Disable"
        busy={busy}
        problem={problem}
        onConfirm={() => change("DISABLED")}
        onCancel={() => {
          setConfirming(false);
          setProblem(null);
        }}
      >
        <p>Nothing is sent to it while it is disabled. Deliveries already queued are held and go out when you enable it again, unless they are over 48 hours old by then.</p>
      </ConfirmDialog>
    </>
  );
}
