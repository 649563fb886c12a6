import type { ReactNode } from "react";
import Head from "next/head";
import { accessibleBrandColor } from "@/lib/merchants/brand-color";
import type { Branding } from "@/lib/merchants/branding";
import { HostedBrandHeader } from "./hosted-brand-header";

// The frame of every hosted page: the merchant's name, logo and colour
// (darkened when white text on it would fail contrast), and the page title.
// Compact (an embedded form on a merchant page that has its own): no logo or
// name, and the title only for screen readers, so the page keeps its name.
export function HostedShell({
  nonce,
  branding,
  title,
  compact = false,
  children,
}: {
  nonce: string;
  branding?: Branding | null;
  title: string;
  compact?: boolean;
  children: ReactNode;
}) {
  const brand = branding?.primaryColor ? accessibleBrandColor(branding.primaryColor) : null;
  return (
    <main className="mx-auto max-w-md px-4 pt-4 pb-12 font-sans leading-normal text-gray-900">
      <Head>
        <title>{branding ? `${title} · ${branding.displayName}` : title}</title>
        <meta name="referrer" content="no-referrer" />
      </Head>
      {brand ? <style nonce={nonce}>{`:root{--brand:${brand}}`}</style> : null}
      {branding && !compact ? <HostedBrandHeader branding={branding} /> : null}
      <h1 className={compact ? "sr-only" : "my-3 text-2xl font-bold"}>{title}</h1>
      {children}
    </main>
  );
}
