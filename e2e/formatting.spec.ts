// The card number and expiry formatted as the customer types (JavaScript
// on), and the brand marks in the number field, at desktop and phone sizes:
// grouping by brand, caret edits in the middle of the number, paste and
// autofill, the expiry's "/", the detected brand's mark (Diners Club named
// as such, not Discover), axe on each state, and a number typed this way
// stored by the usual capture path.
import type { Locator, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { createLink, customerCards } from "./support/api";
import { expectAxeClean } from "./support/axe";
import { expectLanding, field, fillCard, saveButton } from "./support/card-page";
import { futureExpiry, masked, uniqueVisa } from "./support/cards";

const SCREENS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

const BRANDS = ["visa", "mastercard", "amex", "discover", "diners", "jcb", "unionpay"];

/** The brand marks shown in the number field. */
const marks = (page: Page): Locator => page.locator("svg[data-brand]");
/** What a screen reader hears about the brand as the number is typed. */
const announcedBrand = (page: Page): Locator => page.locator("[aria-live=polite]");
const caretOf = (input: Locator) => input.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd]);

async function openForm(page: Page, link: string): Promise<void> {
  await page.goto(link);
  // The page's one script has run: it hydrates the form as the page loads.
  await page.waitForLoadState("load");
}

/** Exactly `brand`'s mark shows, drawn (its <use> finds its symbol in the page's sprite), inside the field and clear of the number's text. */
async function expectOnlyMark(page: Page, brand: string): Promise<void> {
  await expect(marks(page)).toHaveCount(1);
  const mark = marks(page).first();
  await expect(mark).toHaveAttribute("data-brand", brand);
  await expect(mark).toBeVisible();
  const drawn = await mark.evaluate((svg) => {
    const use = svg.querySelector("use");
    const symbol = document.getElementById(use?.getAttribute("href")?.slice(1) ?? "");
    return symbol?.tagName === "symbol" && (use?.getBBox().width ?? 0) > 0;
  });
  expect(drawn, `${brand} mark drawn`).toBe(true);
  const input = field(page, "number");
  const [box, markBox] = [await input.boundingBox(), await mark.boundingBox()];
  const textEnd = await input.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.right - parseFloat(getComputedStyle(el).paddingRight);
  });
  expect(markBox!.x + markBox!.width, "the mark is inside the field").toBeLessThanOrEqual(box!.x + box!.width);
  expect(markBox!.y).toBeGreaterThanOrEqual(box!.y);
  expect(textEnd, "the number's text stops before the mark").toBeLessThanOrEqual(markBox!.x);
}

for (const [screen, viewport] of Object.entries(SCREENS)) {
  test.describe(`${screen} (${viewport.width}x${viewport.height})`, () => {
    test.use({ viewport });

    test("the number is grouped as its brand prints it, capped at its length, and its brand's mark is shown and announced", async ({ page, api }, testInfo) => {
      const link = await createLink(api);
      await openForm(page, link.link);
      const number = field(page, "number");

      // An empty field shows every brand the page takes.
      await expect(marks(page)).toHaveCount(BRANDS.length);
      expect(await marks(page).evaluateAll((svgs) => svgs.map((svg) => svg.getAttribute("data-brand")))).toEqual(BRANDS);
      await expectAxeClean(page, testInfo, `fresh form, ${screen}`);

      await number.pressSequentially("4111111111111111");
      await expect(number).toHaveValue("4111 1111 1111 1111");
      await expectOnlyMark(page, "visa");
      await expect(announcedBrand(page)).toHaveText("Visa");

      await number.clear();
      await number.pressSequentially("37828224631000599");
      await expect(number, "Amex: 4-6-5, and no digit past 15").toHaveValue("3782 822463 10005");
      await expectOnlyMark(page, "amex");
      await expect(announcedBrand(page)).toHaveText("American Express");
      await expectAxeClean(page, testInfo, `American Express typed, ${screen}`);

      await number.clear();
      await number.pressSequentially("3056 9309-0259 04x");
      await expect(number, "Diners Club's 14 digits: 4-6-4, what is not a digit dropped").toHaveValue("3056 930902 5904");
      await expectOnlyMark(page, "diners");
      await expect(announcedBrand(page)).toHaveText("Diners Club");
      await expectAxeClean(page, testInfo, `Diners Club typed, ${screen}`);

      await number.clear();
      await number.pressSequentially("9999");
      await expect(marks(page), "digits of no known brand show no mark").toHaveCount(0);
      await expect(announcedBrand(page)).toHaveText("");
    });

    test("the caret stays by the digit edited in the middle of the number; paste and autofill are formatted", async ({ page, api }) => {
      const link = await createLink(api);
      await openForm(page, link.link);
      const number = field(page, "number");

      await number.pressSequentially("4123456789012345");
      await expect(number).toHaveValue("4123 4567 8901 2345");
      for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
      expect(await caretOf(number)).toEqual([14, 14]);

      await page.keyboard.type("7");
      await expect(number, "a digit typed in the middle").toHaveValue("4123 4567 8901 7234 5");
      expect(await caretOf(number), "the caret right after the typed digit").toEqual([16, 16]);

      await page.keyboard.press("Backspace");
      await expect(number).toHaveValue("4123 4567 8901 2345");
      expect(await caretOf(number), "the caret where the deleted digit was").toEqual([14, 14]);

      // Backspace just after a space deletes the digit before it.
      for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowLeft");
      await page.keyboard.press("Backspace");
      await expect(number).toHaveValue("4123 4568 9012 345");
      expect(await caretOf(number)).toEqual([8, 8]);

      await page.keyboard.press("Delete");
      await expect(number).toHaveValue("4123 4569 0123 45");
      expect(await caretOf(number)).toEqual([8, 8]);

      // A paste arrives as one input event with the whole text.
      await number.clear();
      await page.keyboard.insertText("5555-5555 5555.4444");
      await expect(number).toHaveValue("5555 5555 5555 4444");
      expect(await caretOf(number)).toEqual([19, 19]);
      await expectOnlyMark(page, "mastercard");

      // Autofill sets the value and fires an input event that names no kind of edit.
      await field(page, "zip").focus();
      await number.evaluate((el: HTMLInputElement) => {
        el.value = "378282246310005";
        el.dispatchEvent(new Event("input", { bubbles: true }));
      });
      await expect(number).toHaveValue("3782 822463 10005");
      await expectOnlyMark(page, "amex");
      await expect(field(page, "zip"), "autofill does not move the focus").toBeFocused();
    });

    test("the expiry gets its '/', and backspace goes back over it", async ({ page, api }) => {
      const link = await createLink(api);
      await openForm(page, link.link);
      const expiry = field(page, "expiry");

      await expiry.pressSequentially("12");
      await expect(expiry).toHaveValue("12/");
      await page.keyboard.press("Backspace");
      await expect(expiry, "the '/' goes").toHaveValue("12");
      await page.keyboard.press("Backspace");
      await expect(expiry).toHaveValue("1");
      await page.keyboard.type("228");
      await expect(expiry).toHaveValue("12/28");

      // Backspace just after the '/' deletes the month's last digit.
      await page.keyboard.press("ArrowLeft");
      await page.keyboard.press("ArrowLeft");
      await page.keyboard.press("Backspace");
      await expect(expiry).toHaveValue("1/28");
      expect(await caretOf(expiry)).toEqual([1, 1]);

      await expiry.clear();
      await expiry.pressSequentially("2");
      await expect(expiry, "a month that can only be one digit").toHaveValue("02/");
      await expiry.clear();
      await expiry.pressSequentially("12/2031");
      await expect(expiry, "a four-digit year is kept, as the server takes it").toHaveValue("12/2031");
    });

    test("a number and expiry typed key by key are stored by the capture path", async ({ page, api, vault, merchantSite }) => {
      const link = await createLink(api, { successUrl: merchantSite.url("/thanks") });
      await openForm(page, link.link);
      const digits = uniqueVisa();
      const mmyy = futureExpiry().replace("/", "");
      await fillCard(page, { number: "", expiry: "" });
      await field(page, "number").pressSequentially(digits);
      await field(page, "expiry").pressSequentially(mmyy);
      await expect(field(page, "number")).toHaveValue(digits.replace(/(\d{4})(?=\d)/g, "$1 "));
      await expect(field(page, "expiry")).toHaveValue(`${mmyy.slice(0, 2)}/${mmyy.slice(2)}`);
      await saveButton(page).click();

      const query = await expectLanding(page, merchantSite, vault.merchant.signing_secret, "/thanks", { checkout_id: link.checkoutId });
      const cards = await customerCards(api, link.customerId);
      expect(cards).toMatchObject([{ card_id: query.get("card_id"), card_number: masked(digits), exp_date: mmyy }]);
    });
  });
}
