import { describe, expect, it } from "vitest";
import { HostedCardFormSchema, securityCodeLength } from "./form-schemas";
import { translationsFor } from "../i18n/translations";
import type { MessageKey } from "../i18n/messages";

const nextYear = String((new Date().getUTCFullYear() + 1) % 100).padStart(2, "0");
const valid = { card_number: "4111 1111 1111 1111", exp_date: `12/${nextYear}`, cvv2: "123", billing_zip: "94402" };
// The schema's messages are keys: the page puts them in its language. Read here in English, and in German where it says so.
const problems = (input: Record<string, string>, t = translationsFor("en")) => {
  const result = HostedCardFormSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), t(i.message as MessageKey)]));
};

describe("the hosted card form's schema (server and browser)", () => {
  it("accepts a card typed the way people type it", () => {
    expect(problems(valid)).toEqual({});
    expect(problems({ ...valid, card_number: "4111-1111-1111-1111", exp_date: `12${nextYear}` })).toEqual({});
    expect(problems({ ...valid, exp_date: `12/20${nextYear}` })).toEqual({});
  });

  it("refuses a card number or control characters in the fields typed in the customer's own words", () => {
    expect(problems({ ...valid, cardholder_name: "4111 1111 1111 1111" })).toEqual({ cardholder_name: "Enter the card number only in the card number field" });
    expect(problems({ ...valid, billing_addr1: "1 Main St\u202E" })).toEqual({ billing_addr1: "Remove the special characters from this field" });
    expect(problems({ ...valid, billing_city: "Paris\u0000" })).toEqual({ billing_city: "Remove the special characters from this field" });
  });

  it("names what is missing", () => {
    expect(problems({ card_number: "", exp_date: "", cvv2: "", billing_zip: "" })).toEqual({
      card_number: "Enter your card number",
      exp_date: "Enter the expiry date",
      cvv2: "Enter the security code",
      billing_zip: "Enter the billing ZIP code",
    });
  });

  it("asks for the postal code the chosen country uses, in its format, and none where there is none", () => {
    expect(problems({ ...valid, billing_zip: "9440" }).billing_zip).toBe("Check the ZIP code: it does not look like one from the country chosen");
    expect(problems({ ...valid, billing_zip: "94402-1234" })).toEqual({});
    expect(problems({ ...valid, country: "CA", billing_zip: "K1A 0B1" })).toEqual({});
    expect(problems({ ...valid, country: "CA", billing_zip: "94402" }).billing_zip).toMatch(/^Check the postal code/);
    expect(problems({ ...valid, country: "GB", billing_zip: "SW1A 1AA" })).toEqual({});
    expect(problems({ ...valid, country: "GB", billing_zip: "" }).billing_zip).toBe("Enter the billing postcode");
    expect(problems({ ...valid, country: "DE", billing_zip: "10115" })).toEqual({});
    // The United Arab Emirates and Hong Kong have no postal codes: none is asked for, and one sent is not judged.
    expect(problems({ ...valid, country: "AE", billing_zip: "" })).toEqual({});
    expect(problems({ ...valid, country: "HK", billing_zip: "anything" })).toEqual({});
    expect(problems({ ...valid, country: "Germany" }).country).toBe("Choose your country from the list");
  });

  it("applies the vault's card rules: Luhn, length, expiry, brand's code length", () => {
    expect(problems({ ...valid, card_number: "4111111111111112" }).card_number).toMatch(/one of the digits/);
    expect(problems({ ...valid, card_number: "411111" }).card_number).toMatch(/too few or too many/);
    expect(problems({ ...valid, exp_date: "13/30" }).exp_date).toBe("Enter the expiry as MM/YY");
    expect(problems({ ...valid, exp_date: "01/20" }).exp_date).toBe("This card has expired: check the expiry date");
    expect(problems({ ...valid, card_number: "378282246310005", cvv2: "123" }).cvv2).toBe("Enter the 4-digit security code");
    expect(problems({ ...valid, cvv2: "12a" }).cvv2).toBe("Enter the 3-digit security code");
  });

  it("says the same in the page's language, values and all", () => {
    const german = translationsFor("de");
    expect(problems({ ...valid, billing_state: "California" }, german).billing_state).toBe("Verwenden Sie höchstens 3 Zeichen");
    expect(problems({ ...valid, card_number: "378282246310005", cvv2: "123" }, german).cvv2).toBe("Geben Sie den 4-stelligen Sicherheitscode ein");
    expect(problems({ ...valid, country: "GB", billing_zip: "" }, german).billing_zip).toBe("Geben Sie die Postleitzahl der Rechnungsadresse ein");
  });

  it("limits the optional fields to what the vault stores", () => {
    expect(problems({ ...valid, billing_state: "California" }).billing_state).toBe("Use at most 3 characters");
  });
});

describe("securityCodeLength", () => {
  it("asks American Express for 4 digits from the first digits, while the number is typed", () => {
    expect(securityCodeLength("3782")).toBe(4);
    expect(securityCodeLength("4111")).toBe(3);
  });
});

describe("a form posted without its fields", () => {
  it("says each missing card field is to be entered, as when it is empty", () => {
    expect(problems({})).toMatchObject({ card_number: "Enter your card number", exp_date: "Enter the expiry date", cvv2: "Enter the security code" });
  });
});
