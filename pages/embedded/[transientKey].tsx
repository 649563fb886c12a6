import type { GetServerSideProps } from "next";
import type { CardFormProps } from "@/components/checkout/card-form";
import { EmbeddedParentData } from "@/components/checkout/embedded-parent";
import { CardFormView, IslandScript, UnusableView, type IslandScriptTag } from "@/components/checkout/hosted-views";
import { HostedShell } from "@/components/checkout/hosted-shell";
import { getEmbeddedForm } from "@/lib/embedded/embedded-form";
import { createCardToken } from "@/lib/embedded/create-card-token";
import { payWithEmbeddedForm } from "@/lib/embedded/pay-with-embedded-form";
import type { CardToken } from "@/lib/embedded/card-token-message";
import { isOpenedTopLevel, logUnregisteredFramer } from "@/lib/embedded/framing-request";
import { submitCardForm, throttledState, type CardFormState } from "@/lib/checkout/submit-card-form";
import { addressRetryAfterSecondsNow } from "@/lib/checkout/address-limit";
import { islandScript } from "@/lib/checkout/island-script";
import { countryOptions } from "@/lib/checkout/countries";
import { readFormBody } from "@/lib/http/read-form-body";
import { clientAddressOfNodeHeaders } from "@/lib/http/client-address";
import { securePage } from "@/lib/security/secure-page";
import type { Branding } from "@/lib/merchants/branding";

// The embedded card form, /embedded/{transient_key}, for a merchant's page to
// frame. Only the merchant's registered origins may frame it (CSP
// frame-ancestors); every other page is unframeable. On a valid card it
// answers with a page whose script posts a single-use card token to the
// framing page, addressed only to those origins; the merchant's server then
// attaches the token to a customer with POST .../billing. A key made with an
// amount shows it, and its submit charges the card first: the token's
// message then carries the charge's pg_id (docs/payments.md, "Embedded form
// payments"). The transient key
// in the URL is single-use and short-lived, and stands in for the hosted
// page's session cookie, which a cross-site frame would not get. Inside the
// frame, the page's script also posts its height to the same origins
// whenever it changes, so the merchant's page can size the frame. Opened as
// a page of its own, it only says where it belongs (its token would reach
// no one); framed by an unregistered origin, the browser shows its own error
// instead of the page, so the log names that origin for the merchant.
export const config = { runtime: "nodejs", unstable_runtimeJS: false };

type Script = IslandScriptTag;
type Frame = { nonce: string; compact: boolean; origins: string[]; script: Script };
type Props =
  | ({ view: "form"; branding: Branding; amount: string | null; form: CardFormProps; countries: [string, string][] } & Frame)
  | ({ view: "token"; branding: Branding; amount: string | null; token: CardToken } & Frame)
  | ({ view: "unusable"; branding: Branding | null; message: string } & Frame)
  | { view: "top-level"; nonce: string; branding: Branding };

const USED = "This form has been used or has expired. Reload the page you came from.";
const PENDING = "Your payment could not be confirmed yet. Please do not pay again: the shop can see whether it went through.";

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res, params }) => {
  const transientKey = String(params?.transientKey ?? "");
  const form = await getEmbeddedForm(transientKey);
  const nonce = securePage(res, { frameAncestors: form?.origins ?? [] });
  if (!form) {
    res.statusCode = 404;
    const message = "This form is not valid. Reload the page you came from.";
    return { props: { view: "unusable", nonce, compact: false, origins: [], script: islandScript(), branding: null, message } };
  }
  if (isOpenedTopLevel(req)) return { props: { view: "top-level", nonce, branding: form.branding } };
  logUnregisteredFramer(req, form);
  const frame: Frame = { nonce, compact: form.compact, origins: form.origins, script: islandScript() };
  if (form.origins.length === 0) {
    return { props: { view: "unusable", ...frame, branding: form.branding, message: "This shop has not registered the site that shows this form." } };
  }
  if (!form.usable) return { props: { view: "unusable", ...frame, branding: form.branding, message: form.pending ? PENDING : USED } };
  let state: CardFormState = { errors: {}, values: {} };
  if (req.method !== "POST") {
    // A network over the failed-attempt limit gets the form disabled, saying when to retry.
    const wait = await addressRetryAfterSecondsNow(clientAddressOfNodeHeaders(req.headers));
    if (wait > 0) state = throttledState(wait, state);
  } else {
    const fields = await readFormBody(req);
    if (!fields) {
      res.statusCode = 400;
      state = { errors: { form: "The form could not be read. Enter your card again." }, values: {} };
    } else {
      const from = { clientAddress: clientAddressOfNodeHeaders(req.headers), requestId: crypto.randomUUID() };
      // A key made with an amount charges the card before making the token; the key's amount never changes.
      const store = form.amount ? payWithEmbeddedForm : createCardToken;
      const outcome = await submitCardForm(fields, (input, rejected) => store(transientKey, input, from, rejected));
      if (outcome.kind === "form") state = outcome.state;
      else if ("token" in outcome.value) {
        return { props: { view: "token", ...frame, branding: form.branding, amount: form.amount, token: outcome.value.token } };
      } else {
        return { props: { view: "unusable", ...frame, branding: form.branding, message: "pending" in outcome.value ? PENDING : USED } };
      }
    }
  }
  const labels = form.amount ? { submitLabel: `Pay ${form.amount}`, sendingLabel: "Paying…" } : {};
  return {
    props: {
      view: "form",
      ...frame,
      branding: form.branding,
      amount: form.amount,
      form: { action: `/embedded/${transientKey}`, state, ...labels },
      countries: countryOptions("en"),
    },
  };
};

export default function EmbeddedCardPage(props: Props) {
  if (props.view === "top-level") {
    const shop = props.branding.displayName;
    return (
      <UnusableView nonce={props.nonce} branding={props.branding} title={`This card form belongs on ${shop}'s site`}>
        It is meant to be shown inside a page of {shop}&apos;s website, not opened on its own. Go back to {shop}&apos;s site to enter your card there.
      </UnusableView>
    );
  }
  const { nonce, compact, origins, script } = props;
  if (props.view === "unusable") {
    const extra = origins.length > 0 ? <ParentScript origins={origins} script={script} nonce={nonce} /> : null;
    return (
      <UnusableView nonce={nonce} branding={props.branding} title="This form cannot be used" compact={compact} extra={extra}>
        {props.message}
      </UnusableView>
    );
  }
  if (props.view === "token") {
    return (
      <HostedShell nonce={nonce} branding={props.branding} title={props.amount ? "Payment made" : "Card received"} compact={compact}>
        <p role="status">
          {props.amount
            ? `Your payment of ${props.amount} was made with your card ending ${props.token.card_number.slice(-4)}.`
            : `Your card ending ${props.token.card_number.slice(-4)} was received.`}
        </p>
        <ParentScript origins={origins} token={props.token} script={script} nonce={nonce} />
      </HostedShell>
    );
  }
  const title = props.amount ? `Pay ${props.amount}` : "Add your card";
  return (
    <CardFormView
      nonce={nonce}
      branding={props.branding}
      title={title}
      amount={props.amount}
      form={props.form}
      countries={props.countries}
      script={script}
      compact={compact}
      extra={<EmbeddedParentData origins={origins} />}
    />
  );
}

/** The page's script with what it tells the framing page, on a page without the card form. */
function ParentScript({ origins, token, script, nonce }: { origins: string[]; token?: CardToken; script: Script; nonce: string }) {
  return (
    <>
      <EmbeddedParentData origins={origins} token={token} />
      <IslandScript script={script} nonce={nonce} />
    </>
  );
}
