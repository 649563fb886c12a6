"use client";
import { useRef, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonVariant } from "@/components/ui/button";

type Props = {
  /** The button that opens the dialog ("Delete", "Remove", "Revoke"). */
  label: string;
  /** An accessible name for the opening button when the label alone is ambiguous in a list. */
  ariaLabel?: string;
  title: string;
  children: ReactNode;
  /** The dialog's confirming button. */
  confirmLabel: string;
  variant?: ButtonVariant;
  /** Runs the action; a string is an error to show in the dialog. */
  onConfirm: () => Promise<string | null>;
};

/**
 * A button that asks before it acts, in a native modal <dialog>: focus moves
 * into it and returns after, Escape cancels, and the page behind is inert.
 */
export function ConfirmAction({ label, ariaLabel, title, children, confirmLabel, variant = "danger", onConfirm }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const titleId = `confirm-${label}-${title}`.replace(/[^A-Za-z0-9-]/g, "-");
  return (
    <>
      <Button variant={variant === "danger" ? "secondary" : variant} aria-label={ariaLabel} onClick={() => dialog.current?.showModal()}>
        {label}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-md rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/50"
        onClose={() => setProblem(null)}
      >
        <div className="space-y-4 p-5">
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          <div className="text-sm text-slate-700">{children}</div>
          {problem ? <Alert tone="error">{problem}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()} autoFocus>
              Cancel
            </Button>
            <Button
              variant={variant}
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                const error = await onConfirm();
                setBusy(false);
                if (error) setProblem(error);
                else dialog.current?.close();
              }}
            >
              {busy ? "Working…" : confirmLabel}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
