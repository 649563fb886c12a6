import type { GetServerSideProps } from "next";
import { HostedShell } from "@/components/checkout/hosted-shell";
import { securePage } from "@/lib/security/secure-page";

// Where a link without a success_url ends.
export const config = { runtime: "nodejs", unstable_runtimeJS: false };

export const getServerSideProps: GetServerSideProps<{ nonce: string }> = async ({ res }) => ({ props: { nonce: securePage(res) } });

export default function DonePage({ nonce }: { nonce: string }) {
  return (
    <HostedShell nonce={nonce} title="Card saved">
      <p role="status">Your card was saved. You can close this page.</p>
    </HostedShell>
  );
}
