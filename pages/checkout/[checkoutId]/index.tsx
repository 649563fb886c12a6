import type { GetServerSideProps } from "next";
import type { CardFormProps } from "@/components/checkout/card-form";
import { CardFormView, UnusableView, type IslandScriptTag } from "@/components/checkout/hosted-views";
import { getHostedCheckout } from "@/lib/checkout/get-hosted-checkout";
import { failureRedirect } from "@/lib/checkout/signed-redirects";
import { CHECKOUT_ID_PATTERN, type CheckoutState } from "@/lib/checkout/schemas";
import { CHECKOUT_SESSION_COOKIE, checkoutSessionCookie, csrfMatches, newCheckoutSession, openCheckoutSession } from "@/lib/checkout/checkout-session";
import { submitCardForm, throttledState, type CardFormState } from "@/lib/checkout/submit-card-form";
import { addressRetryAfterSecondsNow } from "@/lib/checkout/address-limit";
import { captureCard } from "@/lib/checkout/capture-card";
import { payCheckout } from "@/lib/checkout/pay-checkout";
import { islandScript } from "@/lib/checkout/island-script";
import { countryOptions } from "@/lib/checkout/countries";
import { readFormBody } from "@/lib/http/read-form-body";
import { clientAddressOfNodeHeaders } from "@/lib/http/client-address";
import { securePage } from "@/lib/security/secure-page";
import type { Branding } from "@/lib/merchants/branding";

// The hosted card page, /checkout/{checkout_id}. Rendered by the Pages
// Router so that it ships none of Next's client runtime (unstable_runtimeJS)
// and only the card form's own small script: the page's JavaScript budget is
// 80 KB gzipped (docs/decisions/006). It answers its own form posts here
// too, and sets its own security headers and session cookie.
export const config = { runtime: "nodejs", unstable_runtimeJS: false };

type Props =
  | {
      view: "form";
      nonce: string;
      branding: Branding;
      isUpdate: boolean;
      amount: string | null;
      form: CardFormProps;
      countries: [string, string][];
      script: IslandScriptTag;
    }
  | { view: "unusable"; nonce: string; branding: Branding | null; message: string };

const UNUSABLE_MESSAGES = {
  unknown: "This link is not valid. Ask the shop for a new one.",
  expired: "This link has expired. Ask the shop for a new one.",
  spent: "This link has already been used: your card was saved.",
  locked: "This link is locked after too many failed attempts. Ask the shop for a new one.",
  pending: "Your payment could not be confirmed yet. Please do not pay again: the shop can see whether it went through.",
  cancelled: "The shop has cancelled this link. Ask the shop for a new one.",
} as const;

/** What a link that cannot be used says: a payment link speaks of the payment, a cancelled one of the cancel. */
function unusableMessage(state: Exclude<CheckoutState, "open">, cancelled: boolean, isPayment: boolean): string {
  if (cancelled) return UNUSABLE_MESSAGES.cancelled;
  return state === "spent" && isPayment ? "This link has already been used: your payment was made." : UNUSABLE_MESSAGES[state];
}

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res, params }) => {
  const checkoutId = String(params?.checkoutId ?? "");
  const link = CHECKOUT_ID_PATTERN.test(checkoutId) ? await getHostedCheckout(checkoutId) : null;
  const nonce = securePage(res, { formActionOrigins: link?.redirectOrigins ?? [] });
  if (!link) {
    res.statusCode = 404;
    return { props: { view: "unusable", nonce, branding: null, message: UNUSABLE_MESSAGES.unknown } };
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
      state = { errors: { form: "This page has expired. Enter your card again." }, values: {} };
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
    return { props: { view: "unusable", nonce, branding: link.branding, message: unusableMessage(link.state, link.cancelled, link.amount !== null) } };
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
  return {
    props: {
      view: "form",
      nonce,
      branding: link.branding,
      isUpdate: link.isUpdate,
      amount: link.amount,
      form: {
        action: `/checkout/${checkoutId}`,
        csrfToken: session.csrf,
        state,
        askAddress: link.askAddress,
        ...(link.amount ? { submitLabel: `Pay ${link.amount}`, sendingLabel: "Paying…" } : {}),
      },
      countries: countryOptions("en"),
      script: islandScript(),
    },
  };
};

export default function HostedCheckoutPage(props: Props) {
  if (props.view === "unusable") {
    return (
      <UnusableView nonce={props.nonce} branding={props.branding} title="This link cannot be used">
        {props.message}
      </UnusableView>
    );
  }
  const title = props.amount ? `Pay ${props.amount}` : props.isUpdate ? "Update your card" : "Add your card";
  return (
    <CardFormView
      nonce={props.nonce}
      branding={props.branding}
      title={title}
      amount={props.amount}
      form={props.form}
      countries={props.countries}
      script={props.script}
    />
  );
}
