import type { AppProps } from "next/app";
import "@/styles/globals.css";

export default function HostedApp({ Component, pageProps }: AppProps) {
  return <Component {...pageProps} />;
}
