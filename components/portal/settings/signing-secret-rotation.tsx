"use client";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { usePortal } from "@/components/portal/portal-context";
import { portalRequest } from "@/components/portal/portal-fetch";
import { OneTimeSecret } from "./one-time-secret";

/** "Rotate signing secret", confirmed, then the new secret shown once. */
export function SigningSecretRotation() {
  const { csrf } = usePortal();
  const [secret, setSecret] = useState<string | null>(null);
  const rotate = async () => {
    const answer = await portalRequest<{ signingSecret: string }>("/portal/api/settings/signing-secret", { csrf });
    if (!answer.ok) return answer.message;
    setSecret(answer.data.signingSecret);
    return null;
  };
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        The vault signs every redirect to your success and failure URLs with this secret; your server checks the signature. Rotate it if it may have leaked.
      </p>
      {secret ? (
        <OneTimeSecret title="New signing secret" value={secret} testId="new-signing-secret">
          <p className="text-sm text-amber-950">Redirects are signed with it from now on: update your server’s copy now. The old secret no longer verifies.</p>
        </OneTimeSecret>
      ) : null}
      <ConfirmDialog trigger="Rotate signing secret" title="Rotate the signing secret?" confirmLabel="Rotate now" onConfirm={rotate}>
        <p>A new secret is made and shown once. Redirects signed after this use it, and the current secret stops verifying at once.</p>
        <p>Have your server ready to take the new secret, or customers returning from the card page will fail your signature check.</p>
      </ConfirmDialog>
    </div>
  );
}
