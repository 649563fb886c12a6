import type { ComponentPropsWithRef } from "react";
import { SelectField } from "@/components/ui/select-field";
import { HOSTED_LOCALES } from "@/lib/i18n/locales";

const languageName = new Intl.DisplayNames(["en"], { type: "language" });
/** Empty sends no locale: the page then speaks the customer's browser's language (decision 021). */
const LANGUAGE_CHOICES = [
  ["", "Follow the customer's browser"],
  ...HOSTED_LOCALES.map((locale) => [locale, languageName.of(locale) ?? locale] as const),
] as const;

/** "Page language": the link's preferences.locale, for the Links page's form and a customer's Send card link. */
export function LanguageSelect(props: { id: string } & ComponentPropsWithRef<"select">) {
  return <SelectField label="Page language" choices={LANGUAGE_CHOICES} {...props} />;
}
