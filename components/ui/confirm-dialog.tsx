"use client";
import { useId, useRef, useState, type ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";
import { buttonClass, type ButtonVariant } from "./button-class";
import { useHydrated } from "./use-hydrated";

type Props = {
  /** The button that opens the dialog (its accessible name, e.g. "Delete"). */
  trigger: ReactNode;
  triggerVariant?: ButtonVariant;
  /** An accessible name for the trigger when its text alone is ambiguous in a list ("Delete card ending 1111"). */
  triggerLabel?: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The button that closes the dialog and changes nothing; "Cancel" unless that would read as the action ("Cancel link"). */
  dismissLabel?: string;
  /** Runs on confirm; a string it resolves to is shown in the dialog as the problem, and the dialog stays open. */
  onConfirm: () => Promise<string | null | void>;
};

/**
 * The portal's one confirmation: a native modal <dialog> (showModal: the page
 * behind is inert, Escape cancels). Focus starts on Cancel, so a stray Enter
 * changes nothing, and goes back to the button that opened it when the dialog
 * closes. While the action runs, neither Cancel nor Escape closes it, so the
 * answer (or its problem) is never lost.
 */
export function ConfirmDialog({ trigger, triggerVariant = "danger", triggerLabel, title, children, confirmLabel, dismissLabel = "Cancel", onConfirm }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const hydrated = useHydrated();

  const open = () => {
    setProblem(null);
    dialog.current?.showModal();
    cancel.current?.focus();
  };
  const close = () => dialog.current?.close();
  const confirm = async () => {
    setBusy(true);
    setProblem(null);
    const result = await onConfirm();
    setBusy(false);
    if (typeof result === "string") setProblem(result);
    else close();
  };

  return (
    <>
      <button
        ref={opener}
        type="button"
        className={buttonClass(triggerVariant)}
        onClick={open}
        disabled={!hydrated}
        aria-label={triggerLabel}
        aria-haspopup="dialog"
      >
        {trigger}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        onCancel={(event) => {
          if (busy) event.preventDefault();
        }}
        onClose={() => {
          // Back to the opener, unless what the action showed took focus
          // (a secret shown once focuses itself so it is read out).
          const focused = document.activeElement;
          if (!focused || focused === document.body || dialog.current?.contains(focused)) opener.current?.focus();
        }}
        className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      >
        <div className="space-y-4 p-6">
          <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          <div id={`${id}-body`} className="space-y-2 text-sm text-slate-700">
            {children}
          </div>
          {problem ? <Alert tone="error">{problem}</Alert> : null}
          <div className="flex flex-wrap justify-end gap-2">
            <button ref={cancel} type="button" className={buttonClass("secondary")} onClick={close} disabled={busy}>
              {dismissLabel}
            </button>
            <Button variant="danger" onClick={confirm} disabled={busy}>
              {busy ? "Working…" : confirmLabel}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
