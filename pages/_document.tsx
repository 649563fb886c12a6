import { Head, Html, Main, NextScript } from "next/document";

// The hosted pages' document: English, and the neutral padlock icon from
// public/ (a page in the merchant's branding shows no vault logo).
export default function Document() {
  return (
    <Html lang="en">
      <Head>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </Head>
      <body>
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
