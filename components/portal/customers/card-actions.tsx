"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { usePortal } from "@/components/portal/portal-context";
import { portalRequest } from "@/components/portal/portal-fetch";

type Props = { customerId: string; cardId: string; maskedNumber: string; isPrimary: boolean };

/** A card's actions: make it primary, delete it (after a confirmation). */
export function CardActions({ customerId, cardId, maskedNumber, isPrimary }: Props) {
  const { csrf } = usePortal();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const ending = maskedNumber.slice(-4);

  const makePrimary = async () => {
    setBusy(true);
    setProblem(null);
    const answer = await portalRequest(`/portal/api/customers/${customerId}/cards/primary`, { csrf, method: "PUT", body: { card_id: cardId } });
    setBusy(false);
    if (answer.ok) router.refresh();
    else setProblem(answer.message);
  };

  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {problem ? (
        <Alert tone="error" className="w-full">
          {problem}
        </Alert>
      ) : null}
      {isPrimary ? null : (
        <Button variant="secondary" onClick={makePrimary} disabled={busy} aria-label={`Make primary: card ending ${ending}`}>
          Make primary
        </Button>
      )}
      <ConfirmDialog
        trigger="Delete"
        triggerVariant="secondary"
        triggerLabel={`Delete card ending ${ending}`}
        title={`Delete the card ending ${ending}?`}
        confirmLabel="Delete card"
        onConfirm={async () => {
          const answer = await portalRequest(`/portal/api/customers/${customerId}/cards/${cardId}`, { csrf, method: "DELETE" });
          if (!answer.ok) return answer.message;
          router.refresh();
        }}
      >
        <p>
          The card <span className="font-mono">{maskedNumber}</span> will be removed from this customer.
          {isPrimary ? " Their oldest remaining card becomes primary." : ""}
        </p>
      </ConfirmDialog>
    </div>
  );
}
