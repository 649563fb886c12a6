"use client";
import { createContext, useContext, type ReactNode } from "react";

/** What every portal client component needs: the session's CSRF token and the user's role. */
export type PortalContextValue = { csrf: string; role: string; email: string };

const PortalContext = createContext<PortalContextValue | null>(null);

export function PortalProvider({ value, children }: { value: PortalContextValue; children: ReactNode }) {
  return <PortalContext.Provider value={value}>{children}</PortalContext.Provider>;
}

export function usePortal(): PortalContextValue {
  const value = useContext(PortalContext);
  if (!value) throw new Error("usePortal outside PortalProvider");
  return value;
}
