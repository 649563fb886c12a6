"use client";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass, type ButtonVariant } from "@/components/ui/button";

type Props = {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  confirmVariant?: ButtonVariant;
  busy?: boolean;
  problem?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
};

/**
 * A confirmation on the native modal <dialog>: the browser traps focus in it,
 * Escape cancels, and focus returns to the button that opened it. Focus
 * starts on "Cancel", so a stray Enter changes nothing.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, confirmVariant = "danger", busy, problem, onConfirm, onCancel }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      cancel.current?.focus();
    }
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
      className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="space-y-4 p-5">
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <div className="space-y-2 text-sm text-slate-700">{children}</div>
        {problem ? <Alert tone="error">{problem}</Alert> : null}
        <div className="flex flex-wrap justify-end gap-2">
          <button ref={cancel} type="button" className={buttonClass("secondary")} onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <Button variant={confirmVariant} onClick={onConfirm} disabled={busy}>
            {busy ? "Working…" : confirmLabel}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
