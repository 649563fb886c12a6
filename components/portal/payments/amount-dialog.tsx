"use client";
import { useId, useRef, useState, type ReactNode } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ButtonVariant } from "@/components/ui/button-class";
import { TextField } from "@/components/ui/text-field";
import { AmountTextSchema } from "@/lib/payments/form-schemas";
import { usePortal } from "../portal-context";
import { CURRENCY_CHOICES } from "./currency-choices";
import { CurrencySelect } from "./currency-select";
import { sendPayment } from "./payment-request";
import { newRequestKey } from "./request-key";

type Props = {
  trigger: string;
  triggerVariant?: ButtonVariant;
  triggerLabel?: string;
  title: string;
  children?: ReactNode;
  /** The amount the field starts with (major units), e.g. what is left to refund. */
  defaultAmount?: string;
  amountHint?: string;
  /** Offer a currency (a new charge); otherwise the amount is in `currencyCode`, the original's. */
  chooseCurrency?: boolean;
  currencyCode: string;
  /** The confirm button's words for an amount as typed ("Refund 25.00 USD"). */
  confirmLabel: (amount: string, currencyCode: string) => string;
  url: string;
  /** Fields sent beside amt_tran and request_key. */
  extra?: Record<string, unknown>;
  onApproved: (pgId: string) => void;
};

/**
 * A payment with an amount, confirmed in a dialog: "Charge card", capture,
 * refund. The confirm button repeats the amount and currency, so what is
 * confirmed is what is sent. One request_key per send (payment-request.ts).
 */
export function AmountDialog(props: Props) {
  const { csrf } = usePortal();
  // Several dialogs share a page (one per card): their fields need their own ids.
  const id = useId();
  const [amount, setAmount] = useState(props.defaultAmount ?? "");
  const [currency, setCurrency] = useState<number>(CURRENCY_CHOICES[0][0]);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const key = useRef<string | null>(null);
  const code = props.chooseCurrency ? (CURRENCY_CHOICES.find(([n]) => n === currency)?.[1] ?? props.currencyCode) : props.currencyCode;

  const confirm = async (): Promise<string | void> => {
    const parsed = AmountTextSchema.safeParse(amount);
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message);
      return "Please correct the amount.";
    }
    setFieldError(undefined);
    key.current ??= newRequestKey();
    const body = { amt_tran: parsed.data, request_key: key.current, ...(props.chooseCurrency ? { tran_currency: currency } : {}), ...props.extra };
    const answer = await sendPayment(props.url, csrf, body);
    if (answer.kind === "approved") {
      key.current = null;
      return props.onApproved(answer.pgId);
    }
    if (!answer.keepKey) key.current = null;
    if (answer.fields.amt_tran) setFieldError(answer.fields.amt_tran);
    return answer.message;
  };

  return (
    <ConfirmDialog
      trigger={props.trigger}
      triggerVariant={props.triggerVariant ?? "secondary"}
      triggerLabel={props.triggerLabel}
      title={props.title}
      confirmLabel={props.confirmLabel(amount.trim() || "…", code)}
      onConfirm={confirm}
    >
      {props.children}
      <div className="flex flex-wrap items-start gap-3 pt-2">
        <TextField
          label={`Amount (${code})`}
          name="amt_tran"
          id={`${id}-amount`}
          inputMode="decimal"
          autoComplete="off"
          hint={props.amountHint}
          value={amount}
          error={fieldError}
          onChange={(event) => {
            setAmount(event.target.value);
            // A new amount is a new request.
            key.current = null;
          }}
          className="min-w-40 flex-1"
        />
        {props.chooseCurrency ? (
          <CurrencySelect
            id={`${id}-currency`}
            value={currency}
            onChange={(event) => {
              setCurrency(Number(event.target.value));
              key.current = null;
            }}
          />
        ) : null}
      </div>
    </ConfirmDialog>
  );
}
