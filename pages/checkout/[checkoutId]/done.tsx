import type { GetServerSideProps } from "next";
import { HostedShell } from "@/components/checkout/hosted-shell";
import { getHostedCheckout } from "@/lib/checkout/get-hosted-checkout";
import { CHECKOUT_ID_PATTERN } from "@/lib/checkout/schemas";
import { securePage } from "@/lib/security/secure-page";

// Where a link without a success_url ends: a payment link's says the payment was made.
export const config = { runtime: "nodejs", unstable_runtimeJS: false };

type Props = { nonce: string; paid: string | null };

export const getServerSideProps: GetServerSideProps<Props> = async ({ res, params }) => {
  const checkoutId = String(params?.checkoutId ?? "");
  const link = CHECKOUT_ID_PATTERN.test(checkoutId) ? await getHostedCheckout(checkoutId) : null;
  return { props: { nonce: securePage(res), paid: link?.state === "spent" ? link.amount : null } };
};

export default function DonePage({ nonce, paid }: Props) {
  if (paid) {
    return (
      <HostedShell nonce={nonce} title="Payment made">
        <p role="status">Your payment of {paid} was made and your card was saved. You can close this page.</p>
      </HostedShell>
    );
  }
  return (
    <HostedShell nonce={nonce} title="Card saved">
      <p role="status">Your card was saved. You can close this page.</p>
    </HostedShell>
  );
}
