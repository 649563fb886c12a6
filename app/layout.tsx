import type { ReactNode } from "react";
import "@/styles/globals.css";

export const metadata = { title: "Customer Vault", icons: { icon: { url: "/favicon.svg", type: "image/svg+xml" } } };
// Every page is rendered per request: its scripts carry the response's CSP
// nonce (proxy.ts), which a page prerendered at build time could not know.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
