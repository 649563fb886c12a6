import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getHostedCheckout } from "@/lib/checkout/get-hosted-checkout";
import { failureRedirect } from "@/lib/checkout/signed-redirects";
import { CHECKOUT_ID_PATTERN } from "@/lib/checkout/schemas";
import { CSRF_HEADER, NONCE_HEADER } from "@/lib/security/forwarded-headers";
import { submitCard } from "./actions";
import { CardForm } from "./card-form";
import styles from "../checkout.module.css";

export const dynamic = "force-dynamic";
export const metadata = { title: "Add your card", referrer: "no-referrer" };

const UNUSABLE_MESSAGES = {
  expired: "This link has expired. Ask the shop for a new one.",
  spent: "This link has already been used: your card was saved.",
  locked: "This link is locked after too many failed attempts. Ask the shop for a new one.",
} as const;

export default async function CheckoutPage({ params }: { params: Promise<{ checkoutId: string }> }) {
  const { checkoutId } = await params;
  const link = CHECKOUT_ID_PATTERN.test(checkoutId) ? await getHostedCheckout(checkoutId) : null;
  if (!link) notFound();
  if (link.state !== "open") {
    const failureUrl = link.failureUrl;
    if (failureUrl) redirect(await failureRedirect({ merchantId: link.merchantId, id: link.checkoutId, failureUrl }, link.state));
    return <Unusable message={UNUSABLE_MESSAGES[link.state]} shop={link.branding.displayName} />;
  }
  const { branding } = link;
  const requestHeaders = await headers();
  return (
    <main className={styles.page}>
      {branding.primaryColor ? <style nonce={requestHeaders.get(NONCE_HEADER) ?? undefined}>{`:root{--brand:${branding.primaryColor}}`}</style> : null}
      <header className={styles.brand}>
        {branding.logoUrl ? <img src={branding.logoUrl} alt="" className={styles.logo} /> : null}
        <p className={styles.shop}>{branding.displayName}</p>
      </header>
      <h1 className={styles.title}>{link.isUpdate ? "Update your card" : "Add your card"}</h1>
      <CardForm
        submit={submitCard.bind(null, link.checkoutId)}
        cardholderName={link.customerName}
        csrfToken={requestHeaders.get(CSRF_HEADER) ?? ""}
      />
    </main>
  );
}

function Unusable({ message, shop }: { message: string; shop?: string }) {
  return (
    <main className={styles.page}>
      {shop ? <p className={styles.shop}>{shop}</p> : null}
      <h1 className={styles.title}>This link cannot be used</h1>
      <p role="alert">{message}</p>
    </main>
  );
}
