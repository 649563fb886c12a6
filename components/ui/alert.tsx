import type { ReactNode } from "react";

const TONES = {
  error: "border-red-300 bg-red-50 text-red-900",
  success: "border-green-300 bg-green-50 text-green-900",
  info: "border-blue-300 bg-blue-50 text-blue-900",
} as const;

/**
 * The portal's one message box; errors are announced (role="alert"), the rest
 * politely (role="status"). Rendered with no message it takes no room but
 * stays in the page, so a message put in later is announced as a change of a
 * live region that screen readers already know (a region added together with
 * its text is not announced reliably).
 */
export function Alert({ tone = "info", className = "", children }: { tone?: keyof typeof TONES; className?: string; children?: ReactNode }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-md border px-4 py-3 text-sm empty:hidden ${TONES[tone]} ${className}`}>
      {children}
    </div>
  );
}
