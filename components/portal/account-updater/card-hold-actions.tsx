"use client";
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { usePortal } from "../portal-context";
import { portalRequest } from "../portal-fetch";

type Props = { cardId: string; maskedNumber: string; isOnHold: boolean };

/** Hold a card out of Account Updater harvests, or release it, after a confirmation. */
export function CardHoldActions({ cardId, maskedNumber, isOnHold }: Props) {
  const { csrf } = usePortal();
  const router = useRouter();
  const ending = maskedNumber.slice(-4);
  const action = isOnHold ? "release" : "hold";
  return (
    <ConfirmDialog
      trigger={isOnHold ? "Release" : "Hold"}
      triggerVariant="secondary"
      triggerLabel={`${isOnHold ? "Release" : "Hold"} card ending ${ending} ${isOnHold ? "for" : "from"} the Account Updater`}
      title={isOnHold ? `Release the card ending ${ending}?` : `Hold the card ending ${ending}?`}
      confirmLabel={isOnHold ? "Release card" : "Hold card"}
      onConfirm={async () => {
        const answer = await portalRequest(`/portal/api/account-updater/cards/${cardId}/${action}`, { csrf });
        if (!answer.ok) return answer.message;
        router.refresh();
      }}
    >
      <p>
        {isOnHold ? (
          <>
            The card <span className="font-mono">{maskedNumber}</span> will be sent to the networks again in the monthly harvest and in requests.
          </>
        ) : (
          <>
            The card <span className="font-mono">{maskedNumber}</span> will not be sent to the networks, in the monthly harvest or in requests, until it is
            released. Subscriptions keep charging it.
          </>
        )}
      </p>
    </ConfirmDialog>
  );
}
