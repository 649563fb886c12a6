import { postcodeValidator, postcodeValidatorExistsForCountry } from "postcode-validator";

// The hosted form's country and what it decides about the postal code: a
// country the postcode-validator package has a format for has postal codes
// (required, checked against that format); any other country has none, and
// its card is stored with an empty billing_zip (docs/hosted-page.md). This
// module runs in the browser too (the form's schema), so it holds no country
// list: the server renders the select from lib/checkout/countries.ts.

/** The form's country when the link names none. */
export const DEFAULT_COUNTRY = "US";

/** Whether the country uses postal codes. */
export function hasPostalCode(country: string): boolean {
  return postcodeValidatorExistsForCountry(country);
}

/** What the postal code is called there: the field's label and its messages follow it. */
export function postalCodeKind(country: string): "zip" | "postcode" | "postal" {
  if (country === "US") return "zip";
  if (country === "GB") return "postcode";
  return "postal";
}

/** Whether a typed postal code has the country's format (a country without postal codes accepts any). */
export function postalCodeMatches(country: string, postalCode: string): boolean {
  return !hasPostalCode(country) || postcodeValidator(postalCode.trim(), country);
}
