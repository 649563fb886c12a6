"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { usePortal } from "@/components/portal/portal-context";
import { portalRequest } from "@/components/portal/portal-fetch";
import { ConfirmDialog } from "./confirm-dialog";

/** "Revoke" for one key, after a confirmation naming it. */
export function RevokeApiKeyButton({ id, name }: { id: number; name: string }) {
  const { csrf } = usePortal();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const revoke = async () => {
    setBusy(true);
    setProblem(null);
    const answer = await portalRequest(`/portal/api/settings/api-keys/${id}`, { csrf, method: "DELETE" });
    setBusy(false);
    if (!answer.ok) return setProblem(answer.message);
    setOpen(false);
    router.refresh();
  };
  return (
    <>
      <Button variant="secondary" aria-label={`Revoke ${name}`} onClick={() => setOpen(true)}>
        Revoke
      </Button>
      <ConfirmDialog
        open={open}
        title={`Revoke ${name}?`}
        confirmLabel="Revoke key"
        busy={busy}
        problem={problem}
        onConfirm={revoke}
        onCancel={() => {
          setOpen(false);
          setProblem(null);
        }}
      >
        <p>Requests with this key are refused (401) from the next one on. This cannot be undone: a server using it needs a new key.</p>
      </ConfirmDialog>
    </>
  );
}
