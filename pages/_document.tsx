import { Head, Html, Main, NextScript } from "next/document";

// The hosted pages' document: English, and nothing else added.
export default function Document() {
  return (
    <Html lang="en">
      <Head />
      <body>
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
