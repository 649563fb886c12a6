"use client";
import { useRef } from "react";
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { usePortal } from "../portal-context";
import { AmountDialog } from "./amount-dialog";
import { sendPayment } from "./payment-request";
import { newRequestKey } from "./request-key";

type Props = {
  pgId: string;
  currencyCode: string;
  /** What the transaction's state allows (the server checks again): the most a capture or refund may take, in major units. */
  capture: string | null;
  refund: string | null;
  voidable: boolean;
  /** The amount a void gives back, as read ("$25.00"). */
  shownAmount: string;
};

/** The transaction page's actions for roles with payments.write: capture an auth, refund (full or partial), void. */
export function TransactionActions({ pgId, currencyCode, capture, refund, voidable, shownAmount }: Props) {
  const { csrf } = usePortal();
  const router = useRouter();
  const voidKey = useRef<string | null>(null);
  const done = (what: string) => () => {
    router.replace(`/portal/transactions/${pgId}?done=${what}`);
    router.refresh();
  };
  return (
    <div className="flex flex-wrap gap-2">
      {capture !== null ? (
        <AmountDialog
          trigger="Capture"
          title="Capture this authorization?"
          defaultAmount={capture}
          amountHint={`At most ${capture} ${currencyCode}.`}
          currencyCode={currencyCode}
          confirmLabel={(amount, code) => `Capture ${amount} ${code}`}
          url={`/portal/api/transactions/${pgId}/capture`}
          onApproved={done("capture")}
        >
          <p>The amount is taken from the card, and settles at the next batch close.</p>
        </AmountDialog>
      ) : null}
      {refund !== null ? (
        <AmountDialog
          trigger="Refund"
          title="Refund this payment?"
          defaultAmount={refund}
          amountHint={`At most ${refund} ${currencyCode} is left to refund.`}
          currencyCode={currencyCode}
          confirmLabel={(amount, code) => `Refund ${amount} ${code}`}
          url={`/portal/api/transactions/${pgId}/refund`}
          onApproved={done("refund")}
        >
          <p>The amount goes back to the card. A partial refund leaves the rest to refund later.</p>
        </AmountDialog>
      ) : null}
      {voidable ? (
        <ConfirmDialog
          trigger="Void"
          title="Void this transaction?"
          confirmLabel={`Void ${shownAmount}`}
          onConfirm={async () => {
            voidKey.current ??= newRequestKey();
            const answer = await sendPayment(`/portal/api/transactions/${pgId}/void`, csrf, { request_key: voidKey.current });
            if (answer.kind === "approved") return done("void")();
            if (!answer.keepKey) voidKey.current = null;
            return answer.message;
          }}
        >
          <p>The transaction is cancelled before its batch settles: nothing is taken from the card, or it is given back in full.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
