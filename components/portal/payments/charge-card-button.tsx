"use client";
import { useRouter } from "next/navigation";
import { AmountDialog } from "./amount-dialog";

type Props = { customerId: string; cardId: string; maskedNumber: string };

/** "Charge card" on a customer's stored card: a sale for an amount staff type, confirmed; then the transaction's page. */
export function ChargeCardButton({ customerId, cardId, maskedNumber }: Props) {
  const router = useRouter();
  const ending = maskedNumber.slice(-4);
  return (
    <AmountDialog
      trigger="Charge"
      triggerLabel={`Charge card ending ${ending}`}
      title={`Charge the card ending ${ending}?`}
      chooseCurrency
      currencyCode="USD"
      confirmLabel={(amount, code) => `Charge ${amount} ${code}`}
      url={`/portal/api/customers/${customerId}/cards/${cardId}/charge`}
      onApproved={(pgId) => router.push(`/portal/transactions/${pgId}?done=charge`)}
    >
      <p>
        The card <span className="font-mono">{maskedNumber}</span> is charged now, through your gateway. Only charge a card the customer has agreed to.
      </p>
    </AmountDialog>
  );
}
