"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { usePortal } from "../portal-context";
import { portalRequest } from "../portal-fetch";
import { RoleSelect } from "./role-select";

/** A user's row controls: change the role, unlock a locked user, remove (with a confirmation). */
export function UserRowActions({ user }: { user: { id: number; email: string; role: string; isLocked: boolean } }) {
  const { csrf } = usePortal();
  const router = useRouter();
  const [role, setRole] = useState(user.role);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setProblem(null);
    setSaved(null);
    const answer = await portalRequest(`/portal/api/users/${user.id}`, { csrf, method: "PATCH", body: { role } });
    setBusy(false);
    if (!answer.ok) return setProblem(answer.message);
    setSaved(`Role changed to ${role}.`);
    router.refresh();
  };
  const unlock = async () => {
    setBusy(true);
    setProblem(null);
    setSaved(null);
    const answer = await portalRequest(`/portal/api/users/${user.id}/unlock`, { csrf, method: "POST" });
    setBusy(false);
    if (!answer.ok) return setProblem(answer.message);
    setSaved(`${user.email} is unlocked and can sign in again.`);
    router.refresh();
  };
  return (
    <div className="flex flex-wrap items-end gap-2">
      <RoleSelect label={`Role for ${user.email}`} hideLabel name={`role-${user.id}`} value={role} onChange={(e) => setRole(e.target.value)} />
      <Button variant="secondary" onClick={save} disabled={busy || role === user.role} aria-label={`Change role for ${user.email}`}>
        Change role
      </Button>
      {user.isLocked ? (
        <Button variant="secondary" onClick={unlock} disabled={busy} aria-label={`Unlock ${user.email}`}>
          Unlock
        </Button>
      ) : null}
      <ConfirmDialog
        trigger="Remove"
        triggerVariant="secondary"
        triggerLabel={`Remove ${user.email}`}
        title={`Remove ${user.email}?`}
        confirmLabel="Remove user"
        onConfirm={async () => {
          const answer = await portalRequest(`/portal/api/users/${user.id}`, { csrf, method: "DELETE" });
          if (!answer.ok) return answer.message;
          router.refresh();
          return null;
        }}
      >
        They are signed out at once and can no longer sign in. Their actions stay in the audit log.
      </ConfirmDialog>
      <Alert tone="success" className="w-full">
        {saved}
      </Alert>
      {problem ? (
        <Alert tone="error" className="w-full">
          {problem}
        </Alert>
      ) : null}
    </div>
  );
}
