"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { usePortal } from "../portal-context";
import { portalRequest } from "../portal-fetch";

/** A card the subscription may charge: its card_id and how the page shows it ("411111xxxxxx1111 · Visa · expires 12/30"). */
export type CardChoice = { cardId: string; label: string; isPrimary: boolean };

type Props = {
  subscriptionId: number;
  customerId: string;
  status: string;
  /** The card it charges; null for the customer's primary card at each charge. */
  cardId: string | null;
  /** The customer's cards; none once the customer is deleted. */
  cards: CardChoice[];
};

const PRIMARY = "";

/**
 * A subscription's page's actions for roles with billing.write, each behind
 * a confirmation: pause (active), resume (paused or suspended), change the
 * card it charges, and cancel. The server checks the status again; a
 * refusal is shown in the dialog.
 */
export function SubscriptionActions({ subscriptionId, customerId, status, cardId, cards }: Props) {
  const { csrf } = usePortal();
  const router = useRouter();
  const [card, setCard] = useState(cardId ?? PRIMARY);
  const base = `/portal/api/subscriptions/${subscriptionId}`;
  const change = (action: "pause" | "resume" | "cancel") => async () => {
    const answer = await portalRequest(`${base}/${action}`, { csrf, body: { customer_id: customerId } });
    if (!answer.ok) return answer.message;
    done(action);
  };
  const done = (what: string) => {
    router.replace(`/portal/subscriptions/${subscriptionId}?done=${what}`);
    router.refresh();
  };
  const open = status === "A" || status === "P" || status === "S";
  if (!open) return null;
  return (
    <div className="flex flex-wrap gap-2">
      {status === "A" ? (
        <ConfirmDialog
          trigger="Pause"
          triggerVariant="secondary"
          title={`Pause subscription ${subscriptionId}?`}
          confirmLabel="Pause subscription"
          onConfirm={change("pause")}
        >
          <p>Nothing is charged while it is paused. Resuming it later skips the cycles missed meanwhile.</p>
        </ConfirmDialog>
      ) : (
        <ConfirmDialog
          trigger="Resume"
          triggerVariant="secondary"
          title={`Resume subscription ${subscriptionId}?`}
          confirmLabel="Resume subscription"
          onConfirm={change("resume")}
        >
          {status === "P" ? (
            <p>It is billed again from the first cycle due today or later; the cycles missed while it was paused are skipped.</p>
          ) : (
            <p>It is due today: the cycle whose charge failed is charged again, then each cycle missed since, oldest first.</p>
          )}
        </ConfirmDialog>
      )}
      {cards.length > 0 ? (
        <ConfirmDialog
          trigger="Change card"
          triggerVariant="secondary"
          title={`Change the card subscription ${subscriptionId} charges?`}
          confirmLabel="Charge this card"
          onConfirm={async () => {
            if (card === (cardId ?? PRIMARY)) return "It already charges that card: choose another.";
            const answer = await portalRequest(`${base}/card`, { csrf, method: "PUT", body: { card_id: card } });
            if (!answer.ok) return answer.fields.card_id ? `That card ${answer.fields.card_id}.` : answer.message;
            done("card");
          }}
        >
          <fieldset className="space-y-2">
            <legend className="mb-1 font-medium text-slate-800">Charge</legend>
            <CardRadio name={`card-${subscriptionId}`} value={PRIMARY} checked={card === PRIMARY} onChange={setCard}>
              The customer&apos;s primary card, at each charge
            </CardRadio>
            {cards.map((choice) => (
              <CardRadio key={choice.cardId} name={`card-${subscriptionId}`} value={choice.cardId} checked={card === choice.cardId} onChange={setCard}>
                <span className="font-mono">{choice.label}</span>
                {choice.isPrimary ? " (primary now)" : ""}
              </CardRadio>
            ))}
          </fieldset>
        </ConfirmDialog>
      ) : null}
      <ConfirmDialog
        trigger="Cancel subscription"
        title={`Cancel subscription ${subscriptionId}?`}
        confirmLabel="Cancel subscription"
        onConfirm={change("cancel")}
      >
        <p>It is not charged again, and a cancelled subscription cannot be resumed.</p>
      </ConfirmDialog>
    </div>
  );
}

function CardRadio({
  name,
  value,
  checked,
  onChange,
  children,
}: {
  name: string;
  value: string;
  checked: boolean;
  onChange: (value: string) => void;
  children: React.ReactNode;
}) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-800">
      <input type="radio" name={name} value={value} checked={checked} onChange={() => onChange(value)} className="size-4 accent-blue-700" />
      <span>{children}</span>
    </label>
  );
}
