// The hosted form's country, postal code, billing address section and the
// answers after a round trip, as a browser with JavaScript off sees them:
// plain GETs and form posts. (Chromium tests: e2e/hosted-form.spec.ts.)
import { request } from "node:http";
import { describe, expect, inject, it } from "vitest";
import { futureExpiry, newMerchant, uniqueCustomerId, uniqueVisa, type TestMerchant } from "../support/fixtures";
import { expectStatus } from "../support/security-suite";
import { hiddenFields, openPage, submitForm } from "../support/hosted-form";

async function newLink(m: TestMerchant, preferences: Record<string, unknown> = {}) {
  const customerId = uniqueCustomerId("F");
  const r = await m.api.post("/checkout", { customer_id: customerId, customer_first_name: "Ada", customer_last_name: "Lovelace", preferences });
  expectStatus(r, 200, "create link");
  return { checkoutId: r.body.data.checkout_id as string, customerId, path: `/checkout/${r.body.data.checkout_id}`, body: r.body.data };
}

const expiry = () => `${futureExpiry().slice(0, 2)}/${futureExpiry().slice(2)}`;
const card = () => ({ card_number: uniqueVisa(), exp_date: expiry(), cvv2: "123" });
const cardsOf = async (m: TestMerchant, customerId: string) => (await m.api.get(`/vault/customer/${customerId}`)).body.data.billing_cards;

/** The <select name="country"> and its chosen option. */
function countrySelect(html: string): { options: string[]; selected: string | undefined } {
  const select = /<select[^>]*name="country"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? "";
  const options = [...select.matchAll(/<option value="([A-Z]{2})"/g)].map((m) => m[1]!);
  return { options, selected: /<option value="([A-Z]{2})" selected=""/.exec(select)?.[1] };
}

describe("the link's preferences for its page", () => {
  it("keeps locale, default_country and request_billing_address, and answers them back", async () => {
    const m = await newMerchant("Prefs Shop");
    const link = await newLink(m, { locale: "de", default_country: "CA", request_billing_address: true });
    expect(link.body).toMatchObject({ locale: "de", default_country: "CA", request_billing_address: true });
    expect((await m.api.get(`/checkout/${link.checkoutId}`)).body.data).toMatchObject({ locale: "de", default_country: "CA" });
    const plain = await newLink(m);
    expect(plain.body).not.toHaveProperty("locale");
    expect(plain.body).not.toHaveProperty("request_billing_address");
  });

  it("refuses an unknown language or country, naming the field, and makes no link", async () => {
    const m = await newMerchant("Prefs Refused");
    for (const [preferences, field] of [
      [{ locale: "it" }, "preferences.locale"],
      [{ default_country: "XX" }, "preferences.default_country"],
      [{ default_country: "usa" }, "preferences.default_country"],
      [{ request_billing_address: "yes" }, "preferences.request_billing_address"],
    ] as const) {
      const customerId = uniqueCustomerId("R");
      const r = await m.api.post("/checkout", { customer_id: customerId, customer_first_name: "Ada", preferences });
      expectStatus(r, 400, JSON.stringify(preferences));
      expect(Object.keys(r.body.data)).toEqual([field]);
      expect((await m.api.get(`/vault/customer/${customerId}`)).status).toBe(404);
    }
  });
});

describe("the country select and the postal code", () => {
  it("lists every ISO 3166 country, starting on the link's or the United States", async () => {
    const m = await newMerchant("Countries Shop");
    const us = countrySelect((await openPage((await newLink(m)).path)).html);
    expect(us.options.length).toBeGreaterThanOrEqual(249);
    expect(us.options).toEqual(expect.arrayContaining(["US", "CA", "GB", "DE", "AE", "HK", "JP"]));
    expect(us.selected).toBe("US");
    expect(countrySelect((await openPage((await newLink(m, { default_country: "GB" })).path)).html).selected).toBe("GB");
  });

  it("stores the country as billing_country_code and billing_country, with a postal code in that country's format", async () => {
    const m = await newMerchant("German Customer");
    const link = await newLink(m);
    const page = await openPage(link.path);
    const post = await submitForm(link.path, page.html, { ...card(), country: "DE", billing_zip: "10115" });
    expect(post.status).toBe(303);
    expect(await cardsOf(m, link.customerId)).toMatchObject([{ billing_zip: "10115", billing_country_code: "276", billing_country: "Germany" }]);
  });

  it("refuses a postal code in the wrong format for the country, keeping what was typed but the card", async () => {
    const m = await newMerchant("Wrong Zip");
    const link = await newLink(m);
    const page = await openPage(link.path);
    const post = await submitForm(link.path, page.html, { ...card(), country: "CA", billing_zip: "94402" });
    expect(post.status).toBe(200);
    expect(post.html).toMatch(/id="billing_zip-error"[^>]*>Check the postal code/);
    expect(post.html).toContain(">Postal code<");
    expect(countrySelect(post.html).selected).toBe("CA");
    expect(await cardsOf(m, link.customerId)).toEqual([]);
  });

  it("asks no postal code where the country has none, and stores an empty billing_zip", async () => {
    const m = await newMerchant("Dubai Customer");
    const link = await newLink(m, { default_country: "AE" });
    const page = await openPage(link.path);
    expect(page.html).not.toContain('name="billing_zip"');
    const post = await submitForm(link.path, page.html, { ...card(), country: "AE" });
    expect(post.status).toBe(303);
    expect(await cardsOf(m, link.customerId)).toMatchObject([{ billing_zip: "", billing_country_code: "784" }]);
  });

  it("refuses a country that is not on the list", async () => {
    const m = await newMerchant("No Such Country");
    const link = await newLink(m);
    const page = await openPage(link.path);
    const post = await submitForm(link.path, page.html, { ...card(), country: "XX", billing_zip: "94402" });
    expect(post.status).toBe(200);
    expect(post.html).toContain("Choose your country from the list");
    expect(await cardsOf(m, link.customerId)).toEqual([]);
  });
});

describe("the billing address section", () => {
  const isOpen = (html: string) => /<details[^>]*\bopen=""/.test(html);

  it("starts closed, or open when the link asks for the address", async () => {
    const m = await newMerchant("Address Shop");
    expect(isOpen((await openPage((await newLink(m)).path)).html)).toBe(false);
    expect(isOpen((await openPage((await newLink(m, { request_billing_address: true })).path)).html)).toBe(true);
  });

  it("opens when the server refused an address field", async () => {
    const m = await newMerchant("Address Refused");
    const link = await newLink(m);
    const page = await openPage(link.path);
    const post = await submitForm(link.path, page.html, { ...card(), billing_zip: "94402", billing_state: "California" });
    expect(post.status).toBe(200);
    expect(post.html).toContain('id="billing_state-error"');
    expect(isOpen(post.html)).toBe(true);
  });
});

describe("after a round trip to the server", () => {
  it("says the number and code were cleared, puts the focus on the summary, and keeps the code's hint for the brand sent", async () => {
    const m = await newMerchant("Round Trip");
    const link = await newLink(m);
    const page = await openPage(link.path);
    // An American Express number with a 3-digit code: the code is refused, the number is not shown again.
    const post = await submitForm(link.path, page.html, { card_number: "378282246310005", exp_date: expiry(), cvv2: "123", billing_zip: "94402" });
    expect(post.status).toBe(200);
    expect(post.html).toMatch(/<div role="alert" tabindex="-1" autofocus=""/);
    expect(post.html).toContain("For your safety, the card number and security code were cleared");
    expect(post.html).toMatch(/id="cvv2-hint"[^>]*>4 digits, on the front</);
    expect(post.html).not.toContain("378282246310005");
  });

  it("disables the form for a network over the failed-attempt limit, saying when to retry, on every link", async () => {
    const m = await newMerchant("Card Tester");
    // From an address of its own (127.0.0.3), so no other test's submissions count against it.
    const from = "127.0.0.3";
    for (let n = 0; n < 10; n++) {
      const link = await newLink(m);
      const page = await fromAddress(from, "GET", link.path);
      const form = new URLSearchParams([...hiddenFields(page.html), ["card_number", "4111111111111112"], ["exp_date", expiry()], ["cvv2", "123"]]);
      form.append("billing_zip", "94402");
      expect((await fromAddress(from, "POST", link.path, form, page.cookie)).status).toBe(200);
    }
    const fresh = await newLink(m);
    const shown = await fromAddress(from, "GET", fresh.path);
    expect(shown.html).toMatch(/<fieldset disabled=""/);
    expect(shown.html).toMatch(/Too many failed attempts from your network\. Try again in (10|9) minutes\./);
    // Another address gets the form as usual.
    expect((await openPage(fresh.path)).html).not.toMatch(/<fieldset disabled=""/);
  });
});

/** A request from a loopback address of the test's own (the vault sees it as the client's address). */
function fromAddress(
  localAddress: string,
  method: "GET" | "POST",
  path: string,
  body?: URLSearchParams,
  cookie?: string,
): Promise<{ status: number; html: string; cookie?: string }> {
  const url = new URL(path, inject("baseUrl"));
  const headers: Record<string, string> = { origin: url.origin };
  if (cookie) headers.cookie = cookie;
  if (body) headers["content-type"] = "application/x-www-form-urlencoded";
  return new Promise((resolve, reject) => {
    const req = request(url, { method, localAddress, headers }, (res) => {
      let html = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (html += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, html, cookie: res.headers["set-cookie"]?.[0]?.split(";")[0] }));
    });
    req.on("error", reject);
    req.end(body?.toString());
  });
}
