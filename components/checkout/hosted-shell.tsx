import type { ReactNode } from "react";
import Head from "next/head";
import { DEFAULT_BRAND_COLOR, hostedBrandColors } from "@/lib/merchants/brand-color";
import type { Branding } from "@/lib/merchants/branding";
import { HostedBrandHeader } from "./hosted-brand-header";

/** The merchant's colours as the page's CSS variables (styles/globals.css), with --brand's shade for the dark page. */
function brandStyle(color: string): string {
  const { onLight, onDark, fill, onFill } = hostedBrandColors(color);
  return `:root{--brand:${onLight};--brand-fill:${fill};--on-brand:${onFill}}@media (prefers-color-scheme:dark){:root{--brand:${onDark}}}`;
}

// The frame of every hosted page: the merchant's name, logo and colour
// (adjusted for contrast on the light and the dark page), and the page title.
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
  return (
    <main className="mx-auto max-w-md px-4 pt-4 pb-12 font-sans leading-normal text-ink">
      <Head>
        <title>{branding ? `${title} · ${branding.displayName}` : title}</title>
        <meta name="referrer" content="no-referrer" />
      </Head>
      <style nonce={nonce}>{brandStyle(branding?.primaryColor ?? DEFAULT_BRAND_COLOR)}</style>
      {branding && !compact ? <HostedBrandHeader branding={branding} /> : null}
      <h1 className={compact ? "sr-only" : "my-3 text-2xl font-bold"}>{title}</h1>
      {children}
    </main>
  );
}
