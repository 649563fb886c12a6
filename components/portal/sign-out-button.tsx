"use client";
import { useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { usePortal } from "./portal-context";
import { portalRequest } from "./portal-fetch";

/** "Sign out": ends the session on the server, then shows the sign-in page. */
export function SignOutButton() {
  const { csrf } = usePortal();
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      disabled={busy || !hydrated}
      onClick={async () => {
        setBusy(true);
        await portalRequest("/portal/session/sign-out", { csrf });
        window.location.assign("/portal/sign-in?reason=signed_out");
      }}
      className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-700"
    >
      Sign out
    </button>
  );
}
