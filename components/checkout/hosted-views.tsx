import type { ReactNode } from "react";
import type { Branding } from "@/lib/merchants/branding";
import { BrandMarkSprite } from "./card-brand-icons";
import { CARD_FORM_PROPS_ID, CARD_FORM_ROOT_ID, CardForm, type CardFormProps } from "./card-form";
import { HostedShell } from "./hosted-shell";
import { JsonData } from "./json-data";
import { useTranslate } from "./translate-context";

// The views the hosted card pages (a link's page, the embedded form) share,
// in the page's language (a TranslateProvider above them).

export type IslandScriptTag = { src: string; integrity: string };

/** The pages' one script, with the response's nonce and its integrity hash. */
export function IslandScript({ script, nonce }: { script: IslandScriptTag; nonce: string }) {
  return <script src={script.src} integrity={script.integrity} nonce={nonce} defer />;
}

/** The card form, server-rendered, with the data its script takes it over with; `extra`: more data for the script (the embedded form's). */
export function CardFormView(props: {
  nonce: string;
  branding: Branding;
  title: string;
  amount?: string | null;
  form: CardFormProps;
  /** The country select's options (lib/checkout/countries.ts), rendered but not repeated in the page's data. */
  countries: [string, string][];
  /** The brand marks' <symbol>s (lib/checkout/island-script.ts), inlined once beside the form. */
  brandMarks: string;
  script: IslandScriptTag;
  compact?: boolean;
  extra?: ReactNode;
}) {
  const t = useTranslate();
  return (
    <HostedShell nonce={props.nonce} branding={props.branding} title={props.title} compact={props.compact}>
      {props.amount ? (
        <p className="mb-4 text-lg">
          {t("page.amount_due", { merchant: props.branding.displayName })} <strong data-testid="amount-due">{props.amount}</strong>
        </p>
      ) : null}
      <BrandMarkSprite symbols={props.brandMarks} />
      <div id={CARD_FORM_ROOT_ID}>
        <CardForm {...props.form} countries={props.countries} />
      </div>
      <JsonData id={CARD_FORM_PROPS_ID} value={props.form} />
      {props.extra}
      <IslandScript script={props.script} nonce={props.nonce} />
    </HostedShell>
  );
}

/** A page that cannot take a card (unknown, used, expired, locked), saying why; `extra`: what the page adds (the embedded form's script). */
export function UnusableView({
  nonce,
  branding,
  title,
  compact,
  extra,
  children,
}: {
  nonce: string;
  branding: Branding | null;
  title: string;
  compact?: boolean;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <HostedShell nonce={nonce} branding={branding} title={title} compact={compact}>
      <p role="alert">{children}</p>
      {extra}
    </HostedShell>
  );
}
