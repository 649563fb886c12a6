"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { usePortal } from "@/components/portal/portal-context";
import { portalRequest } from "@/components/portal/portal-fetch";
import { CARD_TOKEN_MESSAGE_TYPE } from "@/lib/embedded/card-token-message";
import { CARD_ID_PATTERN } from "@/lib/vault/schemas";

/**
 * The vault's embedded card form, framed in the portal: the card number is
 * typed into the vault's own hosted page, never into a portal form. When the
 * frame posts its single-use token (only from our own origin and only from
 * this frame is it believed), the token is attached to the customer, as a
 * merchant's server does with POST .../billing.
 */
export function EmbeddedCardForm({ customerId, transientKey }: { customerId: string; transientKey: string }) {
  const { csrf } = usePortal();
  const router = useRouter();
  const frame = useRef<HTMLIFrameElement>(null);
  const claimed = useRef(false);
  const [state, setState] = useState<{ kind: "typing" } | { kind: "saving"; ending: string } | { kind: "failed"; message: string }>({ kind: "typing" });

  useEffect(() => {
    const onMessage = async (event: MessageEvent) => {
      if (event.origin !== window.location.origin || event.source !== frame.current?.contentWindow) return;
      const data = event.data as { type?: unknown; card_id?: unknown; card_number?: unknown } | null;
      if (!data || data.type !== CARD_TOKEN_MESSAGE_TYPE || typeof data.card_id !== "string" || !CARD_ID_PATTERN.test(data.card_id)) return;
      if (claimed.current) return;
      claimed.current = true;
      setState({ kind: "saving", ending: typeof data.card_number === "string" ? data.card_number.slice(-4) : "" });
      const answer = await portalRequest(`/portal/api/customers/${customerId}/cards`, { csrf, body: { card_id: data.card_id } });
      if (answer.ok) {
        router.push(`/portal/customers/${customerId}?card=1`);
      } else {
        setState({ kind: "failed", message: answer.message });
      }
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [csrf, customerId, router]);

  return (
    <div className="space-y-4">
      {state.kind === "saving" ? <Alert tone="info">Saving the card ending {state.ending}…</Alert> : null}
      {state.kind === "failed" ? (
        <Alert tone="error">
          The card could not be added: {state.message}{" "}
          <a href={`/portal/customers/${customerId}/cards/new`} className="font-medium underline">
            Try again with a new form
          </a>
        </Alert>
      ) : null}
      <iframe
        ref={frame}
        title="Card details"
        src={`/embedded/${transientKey}`}
        className="h-[44rem] w-full max-w-xl rounded-lg border border-slate-200 bg-white"
      />
    </div>
  );
}
