import type { GetServerSideProps } from "next";
import type { CardFormProps } from "@/components/checkout/card-form";
import { TranslateProvider } from "@/components/checkout/translate-context";
import { CardFormView, UnusableView, type IslandScriptTag } from "@/components/checkout/hosted-views";
import { getHostedCheckout } from "@/lib/checkout/get-hosted-checkout";
import { failureRedirect } from "@/lib/checkout/signed-redirects";
import { CHECKOUT_ID_PATTERN, type CheckoutState } from "@/lib/checkout/schemas";
import { CHECKOUT_SESSION_COOKIE, checkoutSessionCookie, csrfMatches, newCheckoutSession, openCheckoutSession } from "@/lib/checkout/checkout-session";
import { submitCardForm, throttledState, type CardFormState } from "@/lib/checkout/submit-card-form";
import { addressRetryAfterSecondsNow } from "@/lib/checkout/address-limit";
import { captureCard } from "@/lib/checkout/capture-card";
import { payCheckout } from "@/lib/checkout/pay-checkout";
import { brandMarkSymbols, islandScript } from "@/lib/checkout/island-script";
import { countryOptions } from "@/lib/checkout/countries";
import { readFormBody } from "@/lib/http/read-form-body";
import { clientAddressOfNodeHeaders } from "@/lib/http/client-address";
import { securePage } from "@/lib/security/secure-page";
import { formatAmount } from "@/lib/payments/format-amount";
import { pageLocale } from "@/lib/i18n/page-locale";
import type { HostedLocale } from "@/lib/i18n/locales";
import type { MessageId } from "@/lib/i18n/messages";
import { translationsFor } from "@/lib/i18n/translations";
import type { Branding } from "@/lib/merchants/branding";

// The hosted card page, /checkout/{checkout_id}. Rendered by the Pages
// Router so that it ships none of Next's client runtime (unstable_runtimeJS)
// and only the card form's own small script: the page's JavaScript budget is
// 80 KB gzipped (docs/decisions/006). It answers its own form posts here
// too, and sets its own security headers and session cookie. It speaks the
// link's language (preferences.locale), else the browser's (lib/i18n).
export const config = { runtime: "nodejs", unstable_runtimeJS: false };

type Props =
  | {
      view: "form";
      locale: HostedLocale;
      nonce: string;
      branding: Branding;
      isUpdate: boolean;
      amount: string | null;
      form: CardFormProps;
      countries: [string, string][];
      brandMarks: string;
      script: IslandScriptTag;
    }
  | { view: "unusable"; locale: HostedLocale; nonce: string; branding: Branding | null; message: MessageId };

/** What a link that cannot be used says: a payment link speaks of the payment, a cancelled one of the cancel. */
function unusableMessage(state: Exclude<CheckoutState, "open">, cancelled: boolean, isPayment: boolean): MessageId {
  if (cancelled) return "link.cancelled";
  return state === "spent" && isPayment ? "link.spent_payment" : `link.${state}`;
}

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res, params }) => {
  const checkoutId = String(params?.checkoutId ?? "");
  const link = CHECKOUT_ID_PATTERN.test(checkoutId) ? await getHostedCheckout(checkoutId) : null;
  const nonce = securePage(res, { formActionOrigins: link?.redirectOrigins ?? [] });
  const locale = pageLocale(req.headers["accept-language"], link?.locale);
  if (!link) {
    res.statusCode = 404;
    return { props: { view: "unusable", locale, nonce, branding: null, message: "link.unknown" } };
  }
  let session = await openCheckoutSession(req.cookies[CHECKOUT_SESSION_COOKIE], checkoutId);
  let state: CardFormState = { errors: {}, values: { cardholder_name: link.customerName, country: link.country } };
  if (req.method === "POST") {
    const fields = await readFormBody(req);
    // Only a page this browser loaded for this link may post to it
    // (lib/checkout/checkout-session.ts); nothing else is looked at. A used
    // link answers such a post as captureCard answers any post to it (the
    // failure redirect), and starts no session: a session is only ever
    // issued for an open link.
    if ((!fields || !csrfMatches(session, fields.csrf_token)) && link.state !== "open") {
      const { failureUrl } = link;
      const destination = failureUrl
        ? await failureRedirect({ merchantId: link.merchantId, id: link.checkoutId, failureUrl }, link.state)
        : `/checkout/${checkoutId}`;
      return { redirect: { destination, statusCode: 303 } };
    } else if (!fields || !session || !csrfMatches(session, fields.csrf_token)) {
      res.statusCode = 403;
      state = { errors: { form: "form.page_expired" }, values: {} };
    } else {
      const from = { clientAddress: clientAddressOfNodeHeaders(req.headers), requestId: crypto.randomUUID(), formToken: session.csrf };
      const outcome = await submitCardForm(fields, async (input, rejected) => {
        // A payment link charges the card (and stores it once paid); a card-capture link stores it.
        const result = link.amount ? await payCheckout(checkoutId, input, from, rejected) : await captureCard(checkoutId, input, from, rejected);
        if (result.kind === "stored" || result.kind === "paid") return { kind: "done", value: result.redirectUrl ?? `/checkout/${checkoutId}/done` };
        if (result.kind === "unusable") return { kind: "done", value: result.redirectUrl ?? `/checkout/${checkoutId}` };
        return result;
      });
      if (outcome.kind === "done") return { redirect: { destination: outcome.value, statusCode: 303 } };
      state = outcome.state;
    }
  } else if (link.state !== "open") {
    // A post to a used link with its session still goes to captureCard
    // above: the session that spent it gets its first answer again.
    const { failureUrl } = link;
    if (failureUrl) {
      return {
        redirect: { destination: await failureRedirect({ merchantId: link.merchantId, id: link.checkoutId, failureUrl }, link.state), statusCode: 303 },
      };
    }
    return { props: { view: "unusable", locale, nonce, branding: link.branding, message: unusableMessage(link.state, link.cancelled, link.amount !== null) } };
  } else if (req.method !== "GET" && req.method !== "HEAD") {
    res.statusCode = 405;
    res.setHeader("Allow", "GET, HEAD, POST");
  } else {
    // A network over the failed-attempt limit gets the form disabled, saying when to retry, not a form that will refuse it.
    const wait = await addressRetryAfterSecondsNow(clientAddressOfNodeHeaders(req.headers));
    if (wait > 0) state = throttledState(wait, state);
  }
  if (!session) {
    const fresh = await newCheckoutSession(checkoutId);
    session = fresh.session;
    res.setHeader("Set-Cookie", checkoutSessionCookie(checkoutId, fresh.sealed));
  }
  const amount = link.amount ? formatAmount(link.amount.minor, link.amount.currency, locale) : null;
  return {
    props: {
      view: "form",
      locale,
      nonce,
      branding: link.branding,
      isUpdate: link.isUpdate,
      amount,
      form: { action: `/checkout/${checkoutId}`, csrfToken: session.csrf, state, askAddress: link.askAddress, amount },
      countries: countryOptions(locale),
      brandMarks: brandMarkSymbols(),
      script: islandScript(locale),
    },
  };
};

export default function HostedCheckoutPage(props: Props) {
  const t = translationsFor(props.locale);
  if (props.view === "unusable") {
    return (
      <UnusableView nonce={props.nonce} branding={props.branding} title={t("link.unusable")}>
        {t(props.message)}
      </UnusableView>
    );
  }
  const title = props.amount ? t("form.pay", { amount: props.amount }) : t(props.isUpdate ? "page.update_card" : "page.add_card");
  return (
    <TranslateProvider t={t}>
      <CardFormView
        nonce={props.nonce}
        branding={props.branding}
        title={title}
        amount={props.amount}
        form={props.form}
        countries={props.countries}
        brandMarks={props.brandMarks}
        script={props.script}
      />
    </TranslateProvider>
  );
}
