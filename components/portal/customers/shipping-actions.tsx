"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { usePortal } from "@/components/portal/portal-context";
import { portalRequest } from "@/components/portal/portal-fetch";

type Props = { customerId: string; shippingId: number; label: string; isPrimary: boolean };

/** An address's actions: edit it, make it primary. */
export function ShippingActions({ customerId, shippingId, label, isPrimary }: Props) {
  const { csrf } = usePortal();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const makePrimary = async () => {
    setBusy(true);
    setProblem(null);
    const answer = await portalRequest(`/portal/api/customers/${customerId}/shipping/primary`, {
      csrf,
      method: "PUT",
      body: { shipping_id: shippingId },
    });
    setBusy(false);
    if (answer.ok) router.refresh();
    else setProblem(answer.message);
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Link href={`/portal/customers/${customerId}/shipping/${shippingId}/edit`} className={buttonClass("secondary")} aria-label={`Edit address: ${label}`}>
        Edit
      </Link>
      {isPrimary ? null : (
        <Button variant="secondary" onClick={makePrimary} disabled={busy} aria-label={`Make primary: address ${label}`}>
          Make primary
        </Button>
      )}
      {problem ? (
        <Alert tone="error" className="w-full">
          {problem}
        </Alert>
      ) : null}
    </div>
  );
}
