import type { GetServerSideProps } from "next";
import type { CardFormProps } from "@/components/checkout/card-form";
import { EmbeddedParentData } from "@/components/checkout/embedded-parent";
import { CardFormView, IslandScript, UnusableView, type IslandScriptTag } from "@/components/checkout/hosted-views";
import { HostedShell } from "@/components/checkout/hosted-shell";
import { TranslateProvider } from "@/components/checkout/translate-context";
import { getEmbeddedForm } from "@/lib/embedded/embedded-form";
import { createCardToken } from "@/lib/embedded/create-card-token";
import { payWithEmbeddedForm } from "@/lib/embedded/pay-with-embedded-form";
import type { CardToken } from "@/lib/embedded/card-token-message";
import { isOpenedTopLevel, logUnregisteredFramer } from "@/lib/embedded/framing-request";
import { submitCardForm, throttledState, type CardFormState } from "@/lib/checkout/submit-card-form";
import { addressRetryAfterSecondsNow } from "@/lib/checkout/address-limit";
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
// instead of the page, so the log names that origin for the merchant. It
// speaks the browser's language (Accept-Language, lib/i18n).
export const config = { runtime: "nodejs", unstable_runtimeJS: false };

type Script = IslandScriptTag;
type Frame = { locale: HostedLocale; nonce: string; compact: boolean; origins: string[]; script: Script };
type Props =
  | ({ view: "form"; branding: Branding; amount: string | null; form: CardFormProps; countries: [string, string][]; brandMarks: string } & Frame)
  | ({ view: "token"; branding: Branding; amount: string | null; token: CardToken } & Frame)
  | ({ view: "unusable"; branding: Branding | null; message: MessageId } & Frame)
  | { view: "top-level"; locale: HostedLocale; nonce: string; branding: Branding };

const USED: MessageId = "embedded.used";
const PENDING: MessageId = "link.pending";

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res, params }) => {
  const transientKey = String(params?.transientKey ?? "");
  const form = await getEmbeddedForm(transientKey);
  const nonce = securePage(res, { frameAncestors: form?.origins ?? [] });
  const locale = pageLocale(req.headers["accept-language"]);
  if (!form) {
    res.statusCode = 404;
    return {
      props: { view: "unusable", locale, nonce, compact: false, origins: [], script: islandScript(locale), branding: null, message: "embedded.invalid" },
    };
  }
  if (isOpenedTopLevel(req)) return { props: { view: "top-level", locale, nonce, branding: form.branding } };
  logUnregisteredFramer(req, form);
  const frame: Frame = { locale, nonce, compact: form.compact, origins: form.origins, script: islandScript(locale) };
  if (form.origins.length === 0) return { props: { view: "unusable", ...frame, branding: form.branding, message: "embedded.unregistered" } };
  const amount = form.amount ? formatAmount(form.amount.minor, form.amount.currency, locale) : null;
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
      state = { errors: { form: "form.unreadable" }, values: {} };
    } else {
      const from = { clientAddress: clientAddressOfNodeHeaders(req.headers), requestId: crypto.randomUUID() };
      // A key made with an amount charges the card before making the token; the key's amount never changes.
      const store = form.amount ? payWithEmbeddedForm : createCardToken;
      const outcome = await submitCardForm(fields, (input, rejected) => store(transientKey, input, from, rejected));
      if (outcome.kind === "form") state = outcome.state;
      else if ("token" in outcome.value) {
        return { props: { view: "token", ...frame, branding: form.branding, amount, token: outcome.value.token } };
      } else {
        return { props: { view: "unusable", ...frame, branding: form.branding, message: "pending" in outcome.value ? PENDING : USED } };
      }
    }
  }
  return {
    props: {
      view: "form",
      ...frame,
      branding: form.branding,
      amount,
      form: { action: `/embedded/${transientKey}`, state, amount },
      countries: countryOptions(locale),
      brandMarks: brandMarkSymbols(),
    },
  };
};

export default function EmbeddedCardPage(props: Props) {
  const t = translationsFor(props.locale);
  if (props.view === "top-level") {
    const shop = props.branding.displayName;
    return (
      <UnusableView nonce={props.nonce} branding={props.branding} title={t("embedded.top_level_title", { shop })}>
        {t("embedded.top_level", { shop })}
      </UnusableView>
    );
  }
  const { nonce, compact, origins, script } = props;
  if (props.view === "unusable") {
    const extra = origins.length > 0 ? <ParentScript origins={origins} script={script} nonce={nonce} /> : null;
    return (
      <UnusableView nonce={nonce} branding={props.branding} title={t("embedded.unusable")} compact={compact} extra={extra}>
        {t(props.message)}
      </UnusableView>
    );
  }
  if (props.view === "token") {
    return (
      <HostedShell nonce={nonce} branding={props.branding} title={t(props.amount ? "done.payment_made" : "embedded.card_received")} compact={compact}>
        <p role="status">
          {props.amount
            ? t("embedded.paid", { amount: props.amount, lastFour: props.token.card_number.slice(-4) })
            : t("embedded.received", { lastFour: props.token.card_number.slice(-4) })}
        </p>
        <ParentScript origins={origins} token={props.token} script={script} nonce={nonce} />
      </HostedShell>
    );
  }
  const title = props.amount ? t("form.pay", { amount: props.amount }) : t("page.add_card");
  return (
    <TranslateProvider t={t}>
      <CardFormView
        nonce={nonce}
        branding={props.branding}
        title={title}
        amount={props.amount}
        form={props.form}
        countries={props.countries}
        brandMarks={props.brandMarks}
        script={script}
        compact={compact}
        extra={<EmbeddedParentData origins={origins} />}
      />
    </TranslateProvider>
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
