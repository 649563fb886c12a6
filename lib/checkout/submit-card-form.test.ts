import { describe, expect, it } from "vitest";
import { HostedCardFormSchema } from "./form-schemas";
import { toCardInput } from "./submit-card-form";

const nextYear = String((new Date().getUTCFullYear() + 1) % 100).padStart(2, "0");
const valid = { card_number: "4111 1111 1111 1111", exp_date: `12/${nextYear}`, cvv2: "123", billing_zip: "94402" };

describe("toCardInput", () => {
  it("gives the vault digits, MMYY and the name split at its last space", () => {
    const parsed = HostedCardFormSchema.parse({ ...valid, cardholder_name: "Ada King Lovelace" });
    expect(toCardInput(parsed)).toMatchObject({
      card_number: "4111111111111111",
      exp_date: `12${nextYear}`,
      billing_first_name: "Ada King",
      billing_last_name: "Lovelace",
      billing_zip: "94402",
    });
  });

  it("stores the country as the API's numeric billing_country_code and English billing_country", () => {
    expect(toCardInput(HostedCardFormSchema.parse(valid))).toMatchObject({ billing_country_code: "840", billing_country: "United States" });
    const german = toCardInput(HostedCardFormSchema.parse({ ...valid, country: "de", billing_zip: "10115" }));
    expect(german).toMatchObject({ billing_country_code: "276", billing_country: "Germany", billing_zip: "10115" });
  });

  it("stores an empty billing_zip for a country without postal codes, whatever was typed", () => {
    expect(toCardInput(HostedCardFormSchema.parse({ ...valid, country: "AE", billing_zip: "12345" }))).toMatchObject({
      billing_zip: "",
      billing_country_code: "784",
    });
  });
});
