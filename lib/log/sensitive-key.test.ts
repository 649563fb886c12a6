import { describe, expect, it } from "vitest";
import { isCardContextKey, isSensitiveKey, normalizeKeyName } from "./sensitive-key";

describe("normalizeKeyName", () => {
  it.each([
    ["card_number", "cardnumber"],
    ["cardNumber", "cardnumber"],
    ["Card-Number", "cardnumber"],
    ["card number", "cardnumber"],
    ["X-API-Key", "xapikey"],
  ])("%j -> %j", (input, expected) => {
    expect(normalizeKeyName(input)).toBe(expected);
  });
});

describe("isSensitiveKey", () => {
  it.each([
    "card_number",
    "cardNumber",
    "CARD-NUMBER",
    "billing_card_number",
    "pan",
    "PAN",
    "cvv",
    "CVV2",
    "cvc",
    "csc",
    "security_code",
    "securityCode",
    "pin",
    "authorization",
    "Authorization",
    "proxy-authorization",
    "cookie",
    "Set-Cookie",
    "password",
    "newPassword",
    "secret",
    "client_secret",
    "signingSecret",
    "webhook_signing_secret",
    "apiKey",
    "api_key",
    "x-api-key",
    "token",
    "access_token",
    "refreshToken",
    "kek",
    "wrappedDek",
    "key_material",
    "privateKey",
    "credentials",
    "card_swipe",
    "track2",
  ])("%j is sensitive", (name) => {
    expect(isSensitiveKey(name)).toBe(true);
  });

  it.each([
    "company", // contains "pan"
    "span",
    "timespan",
    "shipping", // contains "pin"
    "opinion",
    "number", // only with card context, see scrub
    "card_id",
    "card_type",
    "exp_date",
    "customer_id",
    "merchant_id",
    "idempotency_key",
    "tokenCount",
    "tokenized",
    "author",
    "keyId",
    "message",
  ])("%j is not sensitive", (name) => {
    expect(isSensitiveKey(name)).toBe(false);
  });
});

describe("isCardContextKey", () => {
  it.each([
    ["exp_date", true],
    ["expDate", true],
    ["expiry", true],
    ["exp_month", true],
    ["cvv2", true],
    ["expires_at", false],
    ["number", false],
    ["name", false],
  ])("%j -> %s", (name, expected) => {
    expect(isCardContextKey(name)).toBe(expected);
  });
});
