import { Head, Html, Main, NextScript, type DocumentProps } from "next/document";
import { DEFAULT_LOCALE } from "@/lib/i18n/locales";

// The hosted pages' document: in the page's language (its props' locale,
// lib/i18n/page-locale.ts), the neutral padlock icon from public/ (a page in
// the merchant's branding shows no vault logo), and the hosted pages' light
// and dark colours (.hosted, styles/globals.css).
export default function Document({ __NEXT_DATA__ }: DocumentProps) {
  const pageProps = __NEXT_DATA__.props?.pageProps as { locale?: string } | undefined;
  return (
    <Html lang={pageProps?.locale ?? DEFAULT_LOCALE} className="hosted">
      <Head>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </Head>
      <body className="bg-page text-ink">
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
