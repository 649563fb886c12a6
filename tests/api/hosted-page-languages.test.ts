// The hosted pages in the customer's language: English, Spanish, French or
// German, from the link's preferences.locale or else the browser's
// Accept-Language, with lang set, every word the page says translated,
// amounts and country names formatted by Intl in that language, and the
// script that language's own. Driven over HTTP as a browser with JavaScript
// off (the form's own words in the browser are the e2e suite's).
import { describe, expect, it } from "vitest";
import { futureExpiry, newMerchant, uniqueCustomerId, uniqueVisa, type TestMerchant } from "../support/fixtures";
import { expectStatus, runVaultCli } from "../support/security-suite";
import { openPage, submitForm, visibleText } from "../support/hosted-form";

const GERMAN = { "accept-language": "de-DE,de;q=0.9,en;q=0.5" };
const FRENCH = { "accept-language": "fr-CA,fr;q=0.9" };

async function newLink(m: TestMerchant, fields: Record<string, unknown> = {}) {
  const r = await m.api.post("/checkout", { customer_id: uniqueCustomerId("L"), customer_first_name: "Ada", customer_last_name: "Lovelace", ...fields });
  expectStatus(r, 200, "create link");
  return { checkoutId: r.body.data.checkout_id as string, path: `/checkout/${r.body.data.checkout_id}` };
}

const expiry = () => `${futureExpiry().slice(0, 2)}/${futureExpiry().slice(2)}`;
const langOf = (html: string) => /<html lang="([^"]+)"/.exec(html)?.[1];
const scriptOf = (html: string) => /<script src="(\/hosted\/card-form\.[a-z]+\.js)\?v=/.exec(html)?.[1];

describe("the hosted page's language", () => {
  it("follows the browser's Accept-Language: lang, labels, hints, button, country names and its script", async () => {
    const m = await newMerchant("Sprachen Laden");
    const { path } = await newLink(m);
    const page = await openPage(path, GERMAN);
    expect(langOf(page.html)).toBe("de");
    const text = visibleText(page.html);
    for (const words of [
      "Karte hinzufügen",
      "Kartennummer",
      "Ablaufdatum",
      "MM/JJ",
      "Sicherheitscode",
      "3 Ziffern, auf der Rückseite",
      "Name auf der Karte (optional)",
      "Land",
      "ZIP-Code",
      "Rechnungsadresse hinzufügen",
      "Karte speichern",
    ]) {
      expect(text).toContain(words);
    }
    expect(text).not.toMatch(/Card number|Save card|Security code/);
    expect(page.html).toMatch(/<option value="DE">Deutschland<\/option>/);
    expect(page.html).toMatch(/<option value="US" selected="">Vereinigte Staaten<\/option>/);
    expect(scriptOf(page.html)).toBe("/hosted/card-form.de.js");
  });

  it("is English for a browser that asks for no language the page speaks", async () => {
    const m = await newMerchant("English Shop");
    const { path } = await newLink(m);
    for (const headers of [{}, { "accept-language": "pt-BR,ja;q=0.8" }] as Record<string, string>[]) {
      const page = await openPage(path, headers);
      expect(langOf(page.html)).toBe("en");
      expect(visibleText(page.html)).toContain("Card number");
      expect(scriptOf(page.html)).toBe("/hosted/card-form.en.js");
    }
  });

  it("is the link's preferences.locale, whatever the browser asks for", async () => {
    const m = await newMerchant("Tienda");
    const { path } = await newLink(m, { preferences: { locale: "es" } });
    const page = await openPage(path, GERMAN);
    expect(langOf(page.html)).toBe("es");
    expect(visibleText(page.html)).toContain("Número de tarjeta");
    expect(visibleText(page.html)).toContain("Añada su tarjeta");
    expect(scriptOf(page.html)).toBe("/hosted/card-form.es.js");
  });

  it("formats a payment link's amount in the page's language, in the title, the amount due and the button", async () => {
    const m = await newMerchant("Zahlungs Laden");
    const { path } = await newLink(m, { amt_tran: 1234.5, preferences: { locale: "de" } });
    const text = visibleText((await openPage(path)).html);
    expect(text).toContain("Zu zahlen an Zahlungs Laden: 1.234,50 $");
    expect(text).toContain("1.234,50 $ bezahlen");
    const english = await newLink(m, { amt_tran: 1234.5 });
    expect(visibleText((await openPage(english.path)).html)).toContain("Pay $1,234.50");
  });

  it("puts what the server refused in the page's language after a round trip, values and all", async () => {
    const m = await newMerchant("Boutique");
    const { path } = await newLink(m);
    const page = await openPage(path, FRENCH);
    const post = await submitForm(
      path,
      page.html,
      { card_number: "4111 1111 1111 1112", exp_date: "13/30", cvv2: "12", country: "CA", billing_zip: "" },
      { headers: FRENCH },
    );
    expect(post.status).toBe(200);
    expect(langOf(post.html)).toBe("fr");
    const text = visibleText(post.html);
    for (const words of [
      "Veuillez vérifier les 4 champs signalés ci-dessous.",
      "Pour votre sécurité, le numéro de carte et le code de sécurité ont été effacés.",
      "Vérifiez le numéro de carte : un des chiffres semble erroné", // (visibleText reads the narrow no-break space as a space)
      "Saisissez l’expiration au format MM/AA",
      "Saisissez le code de sécurité à 3 chiffres",
      "Saisissez le code postal de facturation",
      "Code postal",
    ]) {
      expect(text).toContain(words);
    }
  });

  it("shows the done page in the page's language", async () => {
    const m = await newMerchant("Fertig Laden");
    const { path } = await newLink(m);
    const page = await openPage(path, GERMAN);
    const number = uniqueVisa();
    const post = await submitForm(path, page.html, { card_number: number, exp_date: expiry(), cvv2: "123", billing_zip: "94402" }, { headers: GERMAN });
    expect(post.status, visibleText(post.html).slice(0, 400)).toBe(303);
    const done = await openPage(post.location!, GERMAN);
    expect(langOf(done.html)).toBe("de");
    const text = visibleText(done.html);
    expect(text).toContain("Karte gespeichert");
    expect(text).toContain(`Visa mit Endziffern ${number.slice(-4)} gespeichert.`);
    expect(text).toContain("Sie können diese Seite schließen.");
    expect(text).toContain("Die Kartendaten werden im Karten-Tresor von Fertig Laden verschlüsselt.");

    // The link is spent: its page says so in the language of whoever opens it.
    const spent = await openPage(path, { "accept-language": "es" });
    expect(langOf(spent.html)).toBe("es");
    expect(visibleText(spent.html)).toContain("Este enlace no se puede usar");
    expect(visibleText(spent.html)).toContain("Este enlace ya se ha usado: su tarjeta se ha guardado.");
    expect(visibleText((await openPage(`/checkout/${"0".repeat(32)}`, GERMAN)).html)).toContain("Dieser Link ist ungültig.");
  });

  it("speaks the browser's language in the embedded form", async () => {
    const m = await newMerchant("Eingebettet");
    await runVaultCli(["merchant", "origins", "--merchant", String(m.merchantId), "--add", "https://shop.example"]);
    const key = (await m.api.get("/embedded")).body.data.transient_key as string;
    const page = await openPage(`/embedded/${key}`, { ...GERMAN, "sec-fetch-dest": "iframe" });
    expect(langOf(page.html)).toBe("de");
    expect(visibleText(page.html)).toContain("Kartennummer");
    expect(scriptOf(page.html)).toBe("/hosted/card-form.de.js");
    const alone = await openPage(`/embedded/${key}`, { ...GERMAN, "sec-fetch-dest": "document" });
    expect(visibleText(alone.html)).toContain("Dieses Kartenformular gehört auf die Website von Eingebettet");
  });
});
