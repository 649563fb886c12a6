import type { GetServerSideProps } from "next";
import { CARD_TOKEN_ID, type CardFormProps } from "@/components/checkout/card-form";
import { CardFormView, IslandScript, UnusableView, type IslandScriptTag } from "@/components/checkout/hosted-views";
import { HostedShell } from "@/components/checkout/hosted-shell";
import { JsonData } from "@/components/checkout/json-data";
import { getEmbeddedForm } from "@/lib/embedded/embedded-form";
import { createCardToken } from "@/lib/embedded/create-card-token";
import { payWithEmbeddedForm } from "@/lib/embedded/pay-with-embedded-form";
import { CARD_TOKEN_MESSAGE_TYPE, type CardToken } from "@/lib/embedded/card-token-message";
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
// page's session cookie, which a cross-site frame would not get.
export const config = { runtime: "nodejs", unstable_runtimeJS: false };

type Script = IslandScriptTag;
type Props =
  | { view: "form"; nonce: string; branding: Branding; amount: string | null; form: CardFormProps; countries: [string, string][]; script: Script }
  | { view: "token"; nonce: string; branding: Branding; amount: string | null; token: CardToken; origins: string[]; script: Script }
  | { view: "unusable"; nonce: string; branding: Branding | null; message: string };

const USED = "This form has been used or has expired. Reload the page you came from.";
const PENDING = "Your payment could not be confirmed yet. Please do not pay again: the shop can see whether it went through.";

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res, params }) => {
  const transientKey = String(params?.transientKey ?? "");
  const form = await getEmbeddedForm(transientKey);
  const nonce = securePage(res, { frameAncestors: form?.origins ?? [] });
  if (!form) {
    res.statusCode = 404;
    return { props: { view: "unusable", nonce, branding: null, message: "This form is not valid. Reload the page you came from." } };
  }
  if (form.origins.length === 0) {
    return { props: { view: "unusable", nonce, branding: form.branding, message: "This shop has not registered the site that shows this form." } };
  }
  if (!form.usable) return { props: { view: "unusable", nonce, branding: form.branding, message: form.pending ? PENDING : USED } };
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
        const { token } = outcome.value;
        return { props: { view: "token", nonce, branding: form.branding, amount: form.amount, token, origins: form.origins, script: islandScript() } };
      } else {
        return { props: { view: "unusable", nonce, branding: form.branding, message: "pending" in outcome.value ? PENDING : USED } };
      }
    }
  }
  const labels = form.amount ? { submitLabel: `Pay ${form.amount}`, sendingLabel: "Paying…" } : {};
  return {
    props: {
      view: "form",
      nonce,
      branding: form.branding,
      amount: form.amount,
      form: { action: `/embedded/${transientKey}`, state, ...labels },
      countries: countryOptions("en"),
      script: islandScript(),
    },
  };
};

export default function EmbeddedCardPage(props: Props) {
  if (props.view === "unusable") {
    return (
      <UnusableView nonce={props.nonce} branding={props.branding} title="This form cannot be used">
        {props.message}
      </UnusableView>
    );
  }
  if (props.view === "token") {
    const message = { type: CARD_TOKEN_MESSAGE_TYPE, ...props.token };
    return (
      <HostedShell nonce={props.nonce} branding={props.branding} title={props.amount ? "Payment made" : "Card received"}>
        <p role="status">
          {props.amount
            ? `Your payment of ${props.amount} was made with your card ending ${props.token.card_number.slice(-4)}.`
            : `Your card ending ${props.token.card_number.slice(-4)} was received.`}
        </p>
        <JsonData id={CARD_TOKEN_ID} value={{ message, origins: props.origins }} />
        <IslandScript script={props.script} nonce={props.nonce} />
      </HostedShell>
    );
  }
  const title = props.amount ? `Pay ${props.amount}` : "Add your card";
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
