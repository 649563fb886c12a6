import { Head, Html, Main, NextScript } from "next/document";

// The hosted pages' document: English, the neutral padlock icon from
// public/ (a page in the merchant's branding shows no vault logo), and the
// hosted pages' light and dark colours (.hosted, styles/globals.css).
export default function Document() {
  return (
    <Html lang="en" className="hosted">
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
