import type { GetServerSideProps } from "next";
import { HostedShell } from "@/components/checkout/hosted-shell";
import { CHECKOUT_SESSION_COOKIE, openCheckoutSession } from "@/lib/checkout/checkout-session";
import { getCheckoutReceipt, type CheckoutReceipt } from "@/lib/checkout/get-checkout-receipt";
import { CHECKOUT_ID_PATTERN } from "@/lib/checkout/schemas";
import { securePage } from "@/lib/security/secure-page";
import { formatAmount } from "@/lib/payments/format-amount";
import { pageLocale } from "@/lib/i18n/page-locale";
import type { HostedLocale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/messages";
import { translationsFor } from "@/lib/i18n/translations";

// Where a spent link's page sends the customer when the link has no
// success_url, in the merchant's branding: the card saved (or the payment
// made) by its brand and last four digits. Only the browser session that
// spent the link sees it; anyone else is sent to the link's own page, which
// says what state the link is in. A link with a success_url sends the
// browser there instead (docs/api-contract.md); if its customer comes here
// all the same, the page offers the way back to the merchant (back.tsx).
export const config = { runtime: "nodejs", unstable_runtimeJS: false };

type Props = { locale: HostedLocale; nonce: string; receipt: Omit<CheckoutReceipt, "paid">; paid: string | null };

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res, params }) => {
  const checkoutId = String(params?.checkoutId ?? "");
  const nonce = securePage(res);
  const session = CHECKOUT_ID_PATTERN.test(checkoutId) ? await openCheckoutSession(req.cookies[CHECKOUT_SESSION_COOKIE], checkoutId) : null;
  const receipt = session ? await getCheckoutReceipt(checkoutId, session.csrf) : null;
  if (!receipt) return { redirect: { destination: `/checkout/${encodeURIComponent(checkoutId)}`, statusCode: 303 } };
  const { paid, ...rest } = receipt;
  const locale = pageLocale(req.headers["accept-language"], receipt.locale);
  return { props: { locale, nonce, receipt: rest, paid: paid ? formatAmount(paid.minor, paid.currency, locale) : null } };
};

/** What was done, in one sentence: "Visa ending 4242 saved." or "$12.34 paid with Visa ending 4242." */
function outcome(t: Translate, card: CheckoutReceipt["card"], paid: string | null): string {
  if (paid) return card ? t("done.paid", { amount: paid, ...card }) : t("done.paid_unnamed", { amount: paid });
  return card ? t("done.saved", card) : t("done.saved_unnamed");
}

export default function DonePage({ locale, nonce, receipt, paid }: Props) {
  const t = translationsFor(locale);
  const merchant = receipt.branding.displayName;
  return (
    <HostedShell nonce={nonce} branding={receipt.branding} title={t(paid ? "done.payment_made" : "done.card_saved")}>
      <p role="status" className="text-lg">
        {outcome(t, receipt.card, paid)}
      </p>
      {receipt.hasSuccessUrl ? (
        <p className="mt-6">
          <a
            href={`/checkout/${receipt.checkoutId}/back`}
            className="inline-flex min-h-11 items-center rounded-md border-2 border-brand bg-brand-fill px-4 py-2 font-semibold text-on-brand no-underline focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand"
          >
            {t("done.back", { merchant })}
          </a>
        </p>
      ) : (
        <p>{t("done.close")}</p>
      )}
      <p className="mt-10 text-sm text-muted">{t("done.encrypted", { merchant })}</p>
    </HostedShell>
  );
}
