// The hosted card page over HTTP, as a browser with JavaScript off uses it:
// the form, a plain form post, the signed 303 to the merchant, errors beside
// their fields, and the links that cannot be used. (Chromium tests follow.)
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { redirectSignature } from "@/lib/checkout/redirect-signature";
import { contrastRatio, LIGHT_PAGE } from "@/lib/merchants/brand-color";
import { futureExpiry, masked, newMerchant, uniqueCustomerId, uniqueVisa, type TestMerchant } from "../support/fixtures";
import { expectStatus, runVaultCli } from "../support/security-suite";
import { openPage, submitForm, type OpenedPage } from "../support/hosted-form";

/** A 1×1 PNG. */
const TINY_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

async function newLink(m: TestMerchant, preferences: Record<string, unknown> = {}) {
  const customerId = uniqueCustomerId("W");
  const r = await m.api.post("/checkout", { customer_id: customerId, customer_first_name: "Grace", customer_last_name: "Hopper", preferences });
  expectStatus(r, 200, "create link");
  return { checkoutId: r.body.data.checkout_id as string, customerId, path: `/checkout/${r.body.data.checkout_id}` };
}

const expiry = () => {
  const mmyy = futureExpiry();
  return `${mmyy.slice(0, 2)}/${mmyy.slice(2)}`;
};

describe("the hosted card page", () => {
  it("keeps a light merchant colour on the button with near-black text, and shades it where it is drawn on the light and the dark page", async () => {
    const m = await newMerchant("Pale Brand");
    await runVaultCli(["merchant", "brand", "--merchant", String(m.merchantId), "--color", "#ffd700"]);
    const page = await openPage((await newLink(m)).path);
    const style = /<style nonce="[^"]+">([^<]*)<\/style>/.exec(page.html)?.[1] ?? "";
    const [light, dark] = style.split("@media (prefers-color-scheme:dark)");
    expect(light).toContain("--brand-fill:#ffd700;--on-brand:#111827");
    const onLight = /--brand:(#[0-9a-f]{6})/.exec(light!)?.[1];
    expect(onLight).not.toBe("#ffd700");
    expect(contrastRatio(onLight!, LIGHT_PAGE)).toBeGreaterThanOrEqual(4.5);
    // Gold is light enough for the dark page as it is.
    expect(dark).toContain("--brand:#ffd700");
  });

  it("links the padlock icon from public/, which the vault serves as SVG", async () => {
    const m = await newMerchant("Icon Shop");
    const page = await openPage((await newLink(m)).path);
    expect(page.html).toMatch(/<link rel="icon" href="\/favicon\.svg" type="image\/svg\+xml"\/?>/);
    const icon = await fetch(`${inject("baseUrl")}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(await icon.text()).toMatch(/^<svg /);
  });

  it("shows the merchant's branding and a form browsers and password managers understand", async () => {
    const m = await newMerchant("Page Brand Ltd");
    const logo = join(inject("dataDir"), "page-logo.png");
    writeFileSync(logo, TINY_PNG);
    await runVaultCli(["merchant", "brand", "--merchant", String(m.merchantId), "--name", "Brand Shop", "--color", "#0f766e", "--logo", logo]);
    const { path } = await newLink(m);
    const page = await openPage(path);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Brand Shop");
    expect(page.html).toContain("--brand:#0f766e"); // dark enough for white text: kept as set
    expect(page.html).toContain(`<img src="data:image/png;base64,${TINY_PNG.toString("base64")}"`);
    // HTML attribute names are case-insensitive; React writes them camel-cased.
    for (const token of ["cc-number", "cc-exp", "cc-csc", "cc-name", "billing postal-code"])
      expect(page.html).toMatch(new RegExp(`autocomplete="${token}"`, "i"));
    expect(page.html).toMatch(/id="card_number"[^>]*inputmode="numeric"/i);
    expect(page.html).not.toContain('type="number"');
    // The cardholder name is prefilled from the customer.
    expect(page.html).toContain('value="Grace Hopper"');
  });

  it("stores the card from a plain form post and answers 303 to the signed success_url", async () => {
    const m = await newMerchant("Page Store");
    const { path, checkoutId, customerId } = await newLink(m, { success_url: "https://shop.example/thanks?order=5" });
    const page = await openPage(path);
    const number = uniqueVisa();
    const spaced = number.replace(/(\d{4})(?=\d)/g, "$1 ");
    const post = await submitForm(path, page.html, {
      card_number: spaced,
      exp_date: expiry(),
      cvv2: "123",
      billing_zip: "94402",
      cardholder_name: "Grace Hopper",
    });
    expect(post.status).toBe(303);
    const location = new URL(post.location!);
    expect(`${location.origin}${location.pathname}`).toBe("https://shop.example/thanks");
    expect(location.searchParams.get("signature")).toBe(redirectSignature(location.searchParams, m.signingSecret));
    expect(Object.fromEntries(location.searchParams)).toMatchObject({ order: "5", checkout_id: checkoutId, customer_id: customerId });
    const cards = (await m.api.get(`/vault/customer/${customerId}`)).body.data.billing_cards;
    expect(cards).toMatchObject([
      { card_id: location.searchParams.get("card_id"), card_number: masked(number), billing_first_name: "Grace", billing_last_name: "Hopper" },
    ]);
  });

  it("shows errors beside their fields, never echoes the number, and counts the attempt", async () => {
    const m = await newMerchant("Page Errors");
    const { path, checkoutId } = await newLink(m);
    const page = await openPage(path);
    const post = await submitForm(path, page.html, { card_number: "4111111111111112", exp_date: expiry(), cvv2: "123", billing_zip: "94402" });
    expect(post.status).toBe(200);
    expect(post.html).toContain('role="alert"');
    expect(post.html).toMatch(/id="card_number"[^>]*aria-invalid="true"[^>]*aria-describedby="card_number-error"/);
    expect(post.html).toContain('id="card_number-error"');
    expect(post.html).not.toContain("4111111111111112");
    expect((await m.api.get(`/checkout/${checkoutId}`)).body.data.failed_attempts).toBe(1);

    const missing = await submitForm(path, page.html, { card_number: "", exp_date: "13/40", cvv2: "", billing_zip: "" });
    for (const field of ["card_number", "exp_date", "cvv2", "billing_zip"]) expect(missing.html).toContain(`id="${field}-error"`);
  });

  it("sends a spent link to failure_url with reason spent, and says so without one", async () => {
    const m = await newMerchant("Page Spent");
    const withFailure = await newLink(m, { failure_url: "https://shop.example/failed" });
    const page = await openPage(withFailure.path);
    const fields = { card_number: uniqueVisa(), exp_date: expiry(), cvv2: "123", billing_zip: "94402" };
    expect((await submitForm(withFailure.path, page.html, fields)).status).toBe(303);
    const again = await openPage(withFailure.path);
    expect(again.status).toBeGreaterThanOrEqual(300);
    expect(again.status).toBeLessThan(400);
    const location = new URL(again.location!);
    expect(location.searchParams.get("reason")).toBe("spent");
    expect(location.searchParams.get("signature")).toBe(redirectSignature(location.searchParams, m.signingSecret));

    const without = await newLink(m);
    const page2 = await openPage(without.path);
    expect((await submitForm(without.path, page2.html, { ...fields, card_number: uniqueVisa() })).location).toBe(`/checkout/${without.checkoutId}/done`);
    const spent = await openPage(without.path);
    expect(spent.status).toBe(200);
    expect(spent.html).toContain("already been used");
  });

  it("answers 404 for an unknown or malformed link", async () => {
    expect((await openPage(`/checkout/${"e".repeat(32)}`)).status).toBe(404);
    expect((await openPage("/checkout/not-a-link")).status).toBe(404);
  });

  it("stores nothing for an expired link", async () => {
    const m = await newMerchant("Page Expired");
    const { path, checkoutId, customerId } = await newLink(m);
    const page = await openPage(path);
    await getDb().$transaction((tx) => tx.checkout.update({ where: { id: checkoutId }, data: { expiresAt: new Date(Date.now() - 1) } }));
    const post = await submitForm(path, page.html, { card_number: uniqueVisa(), exp_date: expiry(), cvv2: "123", billing_zip: "94402" });
    expect(post.status).toBe(303);
    expect(post.location).toBe(path);
    expect((await openPage(path)).html).toContain("expired");
    expect((await m.api.get(`/vault/customer/${customerId}`)).body.data.billing_cards).toEqual([]);
  });
});

describe("the done page", () => {
  const card = () => ({ card_number: uniqueVisa(), exp_date: expiry(), cvv2: "123", billing_zip: "94402" });
  /** The page as a browser without the link's session opens it (another browser, or another link's session). */
  const openWithout = async (path: string, cookie?: string) => {
    const response = await fetch(`${inject("baseUrl")}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });
    return { status: response.status, location: response.headers.get("location"), html: await response.text() };
  };
  const sessionOf = (page: OpenedPage) => page.setCookie!.split(";")[0]!;

  it("names a Diners Club card as the form did, not by the API's Discover code", async () => {
    const m = await newMerchant("Done Diners");
    const link = await newLink(m);
    const page = await openPage(link.path);
    // 30569309025904: Diners Club's test number, filed under DS by the API.
    expect((await submitForm(link.path, page.html, { ...card(), card_number: "30569309025904" })).location).toBe(`${link.path}/done`);
    const done = await openPage(`${link.path}/done`);
    expect(done.html).toContain("Diners Club ending 5904 saved.");
    expect(done.html).not.toContain("Discover");
  });

  it("shows the browser that saved the card its brand and last four digits in the merchant's name, and no one else anything", async () => {
    const m = await newMerchant("Done Shop");
    await runVaultCli(["merchant", "brand", "--merchant", String(m.merchantId), "--name", "Done & Dusted"]);
    const link = await newLink(m);
    const page = await openPage(link.path);
    const fields = card();
    const post = await submitForm(link.path, page.html, fields);
    expect(post.location).toBe(`${link.path}/done`);

    const done = await openPage(`${link.path}/done`);
    expect(done.status).toBe(200);
    expect(done.headers.get("cache-control")).toBe("no-store");
    expect(done.html).toContain(`Visa ending ${fields.card_number.slice(-4)} saved.`);
    expect(done.html).toContain("Card details are encrypted by Done &amp; Dusted&#x27;s card vault.");
    expect(done.html).not.toContain("Back to");
    // Brand and last four only: not the first six, nor the ids the merchant gets.
    const cardId = (await m.api.get(`/checkout/${link.checkoutId}`)).body.data.card_id as string;
    for (const secret of [fields.card_number.slice(0, 6), cardId, link.customerId]) expect(done.html).not.toContain(secret);

    // Without the session, or with another link's (of another merchant), it is the link's own page.
    const other = await newLink(await newMerchant("Done Elsewhere"));
    const otherSession = sessionOf(await openPage(other.path));
    for (const cookie of [undefined, otherSession]) {
      const answer = await openWithout(`${link.path}/done`, cookie);
      expect(answer.status).toBe(303);
      expect(answer.location).toBe(link.path);
      const back = await openWithout(`${link.path}/back`, cookie);
      expect(back.location).toBe(link.path);
    }
    // A link that is not spent has no done page, even for its own session.
    expect((await openPage(`${other.path}/done`)).location).toBe(other.path);
  });

  it("says what a payment link was paid, and with which card", async () => {
    const m = await newMerchant("Done Payments");
    const r = await m.api.post("/checkout", { customer_id: uniqueCustomerId("W"), customer_first_name: "Ada", amt_tran: 12.34 });
    expectStatus(r, 200, "create payment link");
    const path = `/checkout/${r.body.data.checkout_id}`;
    const fields = card();
    expect((await submitForm(path, (await openPage(path)).html, fields)).location).toBe(`${path}/done`);
    const done = await openPage(`${path}/done`);
    expect(done.html).toContain("Payment made");
    expect(done.html).toContain(`$12.34 paid with Visa ending ${fields.card_number.slice(-4)}.`);
  });

  it("with a success_url, goes back to the merchant with the success redirect signed at the click, for the session that spent the link", async () => {
    const m = await newMerchant("Done Return");
    const link = await newLink(m, { success_url: "https://shop.example/thanks?order=8" });
    const post = await submitForm(link.path, (await openPage(link.path)).html, card());
    const first = new URL(post.location!).searchParams;

    const done = await openPage(`${link.path}/done`);
    expect(done.html).toContain(`href="${link.path}/back"`);
    expect(done.html).toContain("Back to Done Return");
    const back = await openPage(`${link.path}/back`);
    expect(back.status).toBe(303);
    const again = new URL(back.location!);
    expect(`${again.origin}${again.pathname}`).toBe("https://shop.example/thanks");
    expect(again.searchParams.get("signature")).toBe(redirectSignature(again.searchParams, m.signingSecret));
    for (const name of ["order", "checkout_id", "customer_id", "card_id"]) expect(again.searchParams.get(name)).toBe(first.get(name));
  });
});
