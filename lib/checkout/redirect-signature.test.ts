import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalQuery, redirectSignature, signedRedirectUrl } from "./redirect-signature";
import { redirectQueryProblem } from "../urls/redirect-url";

describe("redirect signature", () => {
  it("signs every parameter but signature, sorted by name, values encoded with encodeURIComponent", () => {
    const params = new URLSearchParams("order=A 1&checkout_id=abc&signature=zzz&Zeta=é/?");
    // Upper case sorts before lower case (UTF-16 code units).
    expect(canonicalQuery(params)).toBe("Zeta=%C3%A9%2F%3F&checkout_id=abc&order=A%201");
  });

  it("is the lowercase hex HMAC-SHA256 of the canonical string under the secret's UTF-8 bytes", () => {
    const params = new URLSearchParams({ checkout_id: "c1", timestamp: "1700000000" });
    const expected = createHmac("sha256", "sëcret").update("checkout_id=c1&timestamp=1700000000").digest("hex");
    expect(redirectSignature(params, "sëcret")).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keeps the merchant's own parameters in the URL and in what is signed", () => {
    const url = signedRedirectUrl("https://shop.example/done?order=42", { checkout_id: "c1", card_id: "k1" }, "s");
    expect(url.searchParams.get("order")).toBe("42");
    const signature = url.searchParams.get("signature");
    expect(signature).toBe(redirectSignature(new URLSearchParams("order=42&checkout_id=c1&card_id=k1"), "s"));
    // Any change to a signed value changes the signature.
    url.searchParams.set("card_id", "k2");
    expect(redirectSignature(url.searchParams, "s")).not.toBe(signature);
  });

  it("refuses a merchant URL that already carries one of our parameters or repeats one", () => {
    expect(redirectQueryProblem("https://a.example/?card_id=1")).toMatch(/card_id/);
    expect(redirectQueryProblem("https://a.example/?signature=1")).toMatch(/signature/);
    expect(redirectQueryProblem("https://a.example/?x=1&x=2")).toMatch(/repeat/);
    expect(redirectQueryProblem("https://a.example/?x=1&y=2")).toBeNull();
  });
});
