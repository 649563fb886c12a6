import "#server-only";
import countries from "i18n-iso-countries";

// ISO 3166-1 countries, from the i18n-iso-countries package's code table
// (no names: the page names them in its own language with Intl.DisplayNames).
// The vault stores a hosted-page card's country as the API's
// billing_country_code (ISO numeric, "840") and billing_country (its English
// name), as a merchant sending them through the API would.

const ALPHA2 = Object.keys(countries.getAlpha2Codes());

/** Whether `code` is an ISO 3166-1 alpha-2 country code. */
export function isCountryCode(code: string): boolean {
  return countries.isValid(code) && /^[A-Z]{2}$/.test(code);
}

const optionsByLocale = new Map<string, [string, string][]>();

/** The select's options in the page's language, sorted as that language sorts: [code, name]. Made once per language: every page load shows them. */
export function countryOptions(locale: string): [string, string][] {
  const known = optionsByLocale.get(locale);
  if (known) return known;
  const names = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
  const collator = new Intl.Collator(locale);
  const options = ALPHA2.map((code): [string, string] => [code, names.of(code) ?? code]).sort((a, b) => collator.compare(a[1], b[1]));
  optionsByLocale.set(locale, options);
  return options;
}

/** The API's billing fields for a country: ISO numeric code and English name. */
export function billingCountryFields(code: string): { billing_country_code: string; billing_country: string } {
  return {
    billing_country_code: countries.alpha2ToNumeric(code) ?? code,
    billing_country: new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code,
  };
}
