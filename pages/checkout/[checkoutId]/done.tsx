import type { GetServerSideProps } from "next";
import { HostedShell } from "@/components/checkout/hosted-shell";
import { CHECKOUT_SESSION_COOKIE, openCheckoutSession } from "@/lib/checkout/checkout-session";
import { getCheckoutReceipt, type CheckoutReceipt } from "@/lib/checkout/get-checkout-receipt";
import { CHECKOUT_ID_PATTERN } from "@/lib/checkout/schemas";
import { securePage } from "@/lib/security/secure-page";

// Where a spent link's page sends the customer when the link has no
// success_url, in the merchant's branding: the card saved (or the payment
// made) by its brand and last four digits. Only the browser session that
// spent the link sees it; anyone else is sent to the link's own page, which
// says what state the link is in. A link with a success_url sends the
// browser there instead (docs/api-contract.md); if its customer comes here
// all the same, the page offers the way back to the merchant (back.tsx).
export const config = { runtime: "nodejs", unstable_runtimeJS: false };

type Props = { nonce: string; receipt: CheckoutReceipt };

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res, params }) => {
  const checkoutId = String(params?.checkoutId ?? "");
  const nonce = securePage(res);
  const session = CHECKOUT_ID_PATTERN.test(checkoutId) ? await openCheckoutSession(req.cookies[CHECKOUT_SESSION_COOKIE], checkoutId) : null;
  const receipt = session ? await getCheckoutReceipt(checkoutId, session.csrf) : null;
  if (!receipt) return { redirect: { destination: `/checkout/${encodeURIComponent(checkoutId)}`, statusCode: 303 } };
  return { props: { nonce, receipt } };
};

/** What was done, in one sentence: "Visa ending 4242 saved." or "$12.34 paid with Visa ending 4242." */
function outcome({ card, paid }: CheckoutReceipt): string {
  const cardName = card ? `${card.brand} ending ${card.lastFour}` : null;
  if (paid) return cardName ? `${paid} paid with ${cardName}. Your card was saved.` : `${paid} paid. Your card was saved.`;
  return cardName ? `${cardName} saved.` : "Your card was saved.";
}

export default function DonePage({ nonce, receipt }: Props) {
  const merchant = receipt.branding.displayName;
  return (
    <HostedShell nonce={nonce} branding={receipt.branding} title={receipt.paid ? "Payment made" : "Card saved"}>
      <p role="status" className="text-lg">
        {outcome(receipt)}
      </p>
      {receipt.hasSuccessUrl ? (
        <p className="mt-6">
          <a
            href={`/checkout/${receipt.checkoutId}/back`}
            className="inline-flex min-h-11 items-center rounded-md border-2 border-brand bg-brand-fill px-4 py-2 font-semibold text-on-brand no-underline focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand"
          >
            {`Back to ${merchant}`}
          </a>
        </p>
      ) : (
        <p>You can close this page.</p>
      )}
      <p className="mt-10 text-sm text-muted">{`Card details are encrypted by ${merchant}'s card vault.`}</p>
    </HostedShell>
  );
}
