// The hosted page in the customer's language, in Chromium with JavaScript
// on: a German customer (the browser asks for German) and a Spanish one (the
// merchant's link says Spanish, whatever the browser asks) complete the
// form at desktop and phone sizes, with the errors, hints, brand and button
// in their language from the page's own script; the page loads only its
// language's script. axe runs on every language, fresh and with errors, in
// light and dark mode.
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { createLink, customerCards } from "./support/api";
import { expectAxeClean } from "./support/axe";
import { errorSummary, expectLanding } from "./support/card-page";
import { futureExpiry, masked, uniqueVisa } from "./support/cards";

const SIZES = [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const;

/** The labels and button a customer reads, in each language the page speaks. */
const WORDS = {
  de: { heading: "Karte hinzufügen", number: "Kartennummer", expiry: "Ablaufdatum", cvv: "Sicherheitscode", country: "Land", save: "Karte speichern" },
  es: {
    heading: "Añada su tarjeta",
    number: "Número de tarjeta",
    expiry: "Fecha de caducidad",
    cvv: "Código de seguridad",
    country: "País",
    save: "Guardar tarjeta",
  },
  fr: {
    heading: "Ajoutez votre carte",
    number: "Numéro de carte",
    expiry: "Date d’expiration",
    cvv: "Code de sécurité",
    country: "Pays",
    save: "Enregistrer la carte",
  },
  en: { heading: "Add your card", number: "Card number", expiry: "Expiry date", cvv: "Security code", country: "Country", save: "Save card" },
} as const;

const byLabel = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const expiry = () => `${futureExpiry().slice(0, 2)}/${futureExpiry().slice(2)}`;

/** The page's one script: the one in its language. */
async function expectScriptIn(page: Page, locale: string): Promise<void> {
  const scripts = await page.locator("script[src]").evaluateAll((tags) => tags.map((tag) => new URL((tag as HTMLScriptElement).src).pathname));
  expect(scripts).toEqual([`/hosted/card-form.${locale}.js`]);
}

for (const [size, viewport] of SIZES) {
  test.describe(`at ${size} size`, () => {
    test.describe("a German customer", () => {
      test.use({ viewport, locale: "de-DE" });

      test("completes the form in German: errors on submit and when a field is left, the brand, the hint, the button", async ({
        page,
        api,
        vault,
        merchantSite,
      }) => {
        const link = await createLink(api, { successUrl: merchantSite.url("/thanks"), failureUrl: merchantSite.url("/sorry") });
        await page.goto(link.link);
        await expect(page.locator("html")).toHaveAttribute("lang", "de");
        await expect(page.getByRole("heading", { level: 1, name: WORDS.de.heading })).toBeVisible();
        await expectScriptIn(page, "de");
        const save = page.getByRole("button", { name: WORDS.de.save });
        await expect(save).toBeInViewport({ ratio: 1 });

        // Empty fields are flagged on submit, by the script, in German.
        await save.click();
        await expect(errorSummary(page)).toHaveText("Bitte prüfen Sie die 4 markierten Felder.");
        await expect(byLabel(page, WORDS.de.number)).toHaveAccessibleDescription("Geben Sie Ihre Kartennummer ein");
        await expect(byLabel(page, "ZIP-Code")).toHaveAccessibleDescription("Geben Sie den ZIP-Code der Rechnungsadresse ein");

        // Typed: grouped as the brand groups it, the brand announced, the code's hint and its error in German.
        const number = uniqueVisa();
        await byLabel(page, WORDS.de.number).pressSequentially(number);
        await expect(byLabel(page, WORDS.de.number)).toHaveValue(number.replace(/(\d{4})(?=\d)/g, "$1 "));
        await expect(page.locator("[aria-live=polite]")).toHaveText("Visa");
        await byLabel(page, WORDS.de.expiry).fill(expiry());
        await byLabel(page, WORDS.de.cvv).fill("12");
        await byLabel(page, "ZIP-Code").focus();
        await expect(byLabel(page, WORDS.de.cvv)).toHaveAccessibleDescription("3 Ziffern, auf der Rückseite Geben Sie den 3-stelligen Sicherheitscode ein");
        await byLabel(page, WORDS.de.cvv).fill("123");
        await byLabel(page, "ZIP-Code").fill("94402");
        await save.click();

        const query = await expectLanding(page, merchantSite, vault.merchant.signing_secret, "/thanks", {
          checkout_id: link.checkoutId,
          customer_id: link.customerId,
        });
        expect(await customerCards(api, link.customerId)).toMatchObject([{ card_id: query.get("card_id"), card_number: masked(number), billing_zip: "94402" }]);
      });
    });

    test.describe("a Spanish customer", () => {
      test.use({ viewport, locale: "en-US" });

      test("pays a link the shop made in Spanish, with a Spanish address, the amount in Spanish", async ({ page, api, vault, merchantSite }) => {
        const link = await createLink(api, {
          amount: 42.5,
          successUrl: merchantSite.url("/thanks"),
          failureUrl: merchantSite.url("/sorry"),
          preferences: { locale: "es" },
        });
        const amount = new Intl.NumberFormat("es", { style: "currency", currency: "USD" }).format(42.5);
        await page.goto(link.link);
        await expect(page.locator("html")).toHaveAttribute("lang", "es");
        await expect(page.getByRole("heading", { level: 1, name: `Pagar ${amount}` })).toBeVisible();
        await expect(page.getByText(`Importe a pagar a ${vault.shopName}:`)).toBeVisible();
        await expectScriptIn(page, "es");
        const pay = page.getByRole("button", { name: `Pagar ${amount}` });
        await expect(pay).toBeInViewport({ ratio: 1 });

        const number = uniqueVisa();
        await byLabel(page, WORDS.es.number).fill(number);
        await byLabel(page, WORDS.es.expiry).fill("13/30");
        await byLabel(page, WORDS.es.cvv).focus();
        await expect(byLabel(page, WORDS.es.expiry)).toHaveAccessibleDescription("MM/AA Introduzca la caducidad como MM/AA");
        await byLabel(page, WORDS.es.expiry).fill(expiry());
        await byLabel(page, WORDS.es.cvv).fill("123");
        await byLabel(page, WORDS.es.country).selectOption({ label: "España" });
        await page.getByText("Añadir dirección de facturación", { exact: true }).click();
        await byLabel(page, "Dirección de facturación (opcional)").fill("Calle Mayor 1");
        await byLabel(page, "Ciudad (opcional)").fill("Madrid");
        await byLabel(page, "Código postal").fill("28013");
        await pay.click();

        const query = await expectLanding(page, merchantSite, vault.merchant.signing_secret, "/thanks", { checkout_id: link.checkoutId, amt_tran: "42.5" });
        expect(query.get("pg_id")).toMatch(/^[0-9a-f]{32}$/);
        expect(await customerCards(api, link.customerId)).toMatchObject([
          { card_number: masked(number), billing_zip: "28013", billing_city: "Madrid", billing_country_code: "724", billing_country: "Spain" },
        ]);
      });
    });
  });
}

test.describe("every language passes axe", () => {
  for (const locale of ["en", "es", "fr", "de"] as const) {
    test(`${locale}: fresh and with errors, light and dark`, async ({ page, api }, testInfo) => {
      const link = await createLink(api, { preferences: { locale } });
      await page.goto(link.link);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page.getByRole("heading", { level: 1, name: WORDS[locale].heading })).toBeVisible();
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme });
        await expectAxeClean(page, testInfo, `${locale} form, ${colorScheme}`);
      }
      await page.getByRole("button", { name: WORDS[locale].save }).click();
      await expect(byLabel(page, WORDS[locale].number)).toHaveAttribute("aria-invalid", "true");
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme });
        await expectAxeClean(page, testInfo, `${locale} form with errors, ${colorScheme}`);
      }
    });
  }
});
