// Does Chromium apply the page's CSP form-action to the redirect that
// follows the form post? It does (docs/api-contract.md, URLs from merchants), which is why
// the page's policy names the link's success and failure origins. Here the
// policy is narrowed on its way to the browser to our own origin only, and
// the browser then refuses to follow the vault's 303 to the shop.
import { test, expect } from "./support/fixtures";
import { createLink } from "./support/api";
import { fillCard, saveButton } from "./support/card-page";
import { uniqueVisa } from "./support/cards";

test("Chromium blocks the redirect to success_url when form-action does not name its origin", async ({ page, api, merchantSite }) => {
  const link = await createLink(api, { successUrl: merchantSite.url("/thanks") });
  await page.route(link.link, async (route) => {
    if (route.request().method() !== "GET") return route.continue();
    const response = await route.fetch();
    const policy = response.headers()["content-security-policy"] ?? "";
    expect(policy).toContain(`form-action 'self' ${merchantSite.origin}`);
    const narrowed = policy.replace(/form-action [^;]+/, "form-action 'self'");
    await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": narrowed } });
  });
  const refused = page.waitForEvent("console", (message) => /form-action/.test(message.text()));
  await page.goto(link.link);
  await fillCard(page, { number: uniqueVisa() });
  await saveButton(page).click();
  await refused;
  // The vault stored the card and answered 303, but the shop never saw the browser.
  expect(merchantSite.landingsFor(link.checkoutId)).toEqual([]);
});
