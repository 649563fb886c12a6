// Checkout settings in the portal: iframe origins (the pinned URL rule),
// the default success/failure URLs a link made without its own gets (proved
// by a real capture landing there), and rotating the redirect signing
// secret (shown once; the next redirect verifies with it and not with the
// old one). Each test has a merchant of its own: these are merchant-wide.
import { test, expect } from "../support/fixtures";
import { createLink } from "../support/api";
import { expectAxeClean } from "../support/axe";
import { expectLanding, fillCard, saveButton } from "../support/card-page";
import { uniqueVisa } from "../support/cards";
import { redirectProblem } from "../support/redirect-signature";
import { auditRows, cliEnv, signIn } from "../support/portal";
import { settingsMerchant } from "../support/portal-settings";
import { runCli } from "../../tests/support/cli";

// Long flows (several pages, axe) on a shared two-core machine.
test.describe.configure({ timeout: 240_000 });

test("origins are added and removed; a URL that is not an https origin is refused by the field", async ({ page, vault }, testInfo) => {
  const m = await settingsMerchant(vault, `Origin Shop ${Date.now().toString(36)}`);
  await signIn(page, vault, m.owner);
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Checkout settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Checkout settings" })).toBeVisible();
  await expect(page.getByText("No origins yet")).toBeVisible();
  await expectAxeClean(page, testInfo, "checkout settings");

  const field = page.getByLabel("New origin");
  const add = page.getByRole("button", { name: "Add origin" });
  for (const [bad, message] of [
    ["http://shop.example", /must use https \(http only for localhost\)/],
    ["https://shop.example/checkout", /must be an origin: scheme:\/\/host\[:port\], no path/],
    ["shop.example", /must be an absolute URL/],
  ] as const) {
    await field.fill(bad);
    await add.click();
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(message);
  }
  await expectAxeClean(page, testInfo, "origin refused");

  await field.fill("https://Shop.Example:8443/");
  await add.click();
  const list = page.getByRole("list", { name: "Registered origins" });
  await expect(list.getByRole("listitem")).toHaveText([/https:\/\/shop\.example:8443/]);
  await expect(field).toHaveValue("");
  await field.fill("http://127.0.0.1:5173");
  await add.click();
  await expect(list.getByRole("listitem")).toHaveCount(2);

  await list.getByRole("button", { name: "Remove https://shop.example:8443" }).click();
  await expect(list.getByRole("listitem")).toHaveText([/http:\/\/127\.0\.0\.1:5173/]);
  await page.reload();
  await expect(page.getByRole("list", { name: "Registered origins" }).getByRole("listitem")).toHaveText([/http:\/\/127\.0\.0\.1:5173/]);
  // What the embedded form's frame-ancestors will use: the operator's CLI sees the same list.
  expect(runCli(["merchant", "origins", "--merchant", String(m.merchantId), "--json"], cliEnv(vault))).toMatchObject({ origins: ["http://127.0.0.1:5173"] });

  expect((await auditRows(vault, m.merchantId, "origin.add")).map((r) => [r.actor, r.targetId])).toEqual([
    [`user:${m.owner.userId}`, "https://shop.example:8443"],
    [`user:${m.owner.userId}`, "http://127.0.0.1:5173"],
  ]);
  expect((await auditRows(vault, m.merchantId, "origin.remove")).map((r) => [r.actor, r.targetId])).toEqual([
    [`user:${m.owner.userId}`, "https://shop.example:8443"],
  ]);
});

test("a link created without a success_url takes the merchant's default: the capture lands there, signed", async ({ page, vault, merchantSite }, testInfo) => {
  const m = await settingsMerchant(vault, `Default URL Shop ${Date.now().toString(36)}`);
  await signIn(page, vault, m.owner);
  await page.goto(`${vault.baseUrl}/portal/settings/checkout`);
  const success = page.getByLabel("Default success URL");
  const save = page.getByRole("button", { name: "Save default URLs" });

  // The links' own rule: https (or loopback http), and none of our parameters.
  await success.fill("http://shop.example/done");
  await save.click();
  await expect(success).toHaveAccessibleDescription(/This URL must use https \(http only for localhost\)/);
  await success.fill(`${merchantSite.url("/thanks")}?card_id=1`);
  await save.click();
  await expect(success).toHaveAccessibleDescription(/must not already carry the query parameter card_id/);
  await expectAxeClean(page, testInfo, "default URL refused");

  await success.fill(merchantSite.url("/thanks", { from: "default" }));
  await page.getByLabel("Default failure URL").fill(merchantSite.url("/sorry"));
  await save.click();
  await expect(page.getByText("Default URLs saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Default success URL")).toHaveValue(merchantSite.url("/thanks", { from: "default" }));
  expect(await auditRows(vault, m.merchantId, "merchant.redirect_defaults")).toEqual([expect.objectContaining({ actor: `user:${m.owner.userId}` })]);

  const link = await createLink(m.api);
  const created = await m.api.get(`/checkout/${link.checkoutId}`);
  expect(created.body.data).toMatchObject({ success_url: merchantSite.url("/thanks", { from: "default" }), failure_url: merchantSite.url("/sorry") });
  await page.goto(link.link);
  await fillCard(page, { number: uniqueVisa() });
  await saveButton(page).click();
  await expectLanding(page, merchantSite, m.signingSecret, "/thanks", { from: "default", checkout_id: link.checkoutId, customer_id: link.customerId });
});

test("rotating the signing secret shows the new one once; the next redirect verifies with it, not the old one", async ({
  page,
  vault,
  merchantSite,
}, testInfo) => {
  const m = await settingsMerchant(vault, `Rotate Shop ${Date.now().toString(36)}`);
  await signIn(page, vault, m.owner);
  await page.goto(`${vault.baseUrl}/portal/settings/checkout`);
  await page.getByRole("button", { name: "Rotate signing secret" }).click();
  const dialog = page.getByRole("dialog", { name: "Rotate the signing secret?" });
  await expect(dialog).toBeVisible();
  await expectAxeClean(page, testInfo, "rotation confirmation");
  await dialog.getByRole("button", { name: "Rotate now" }).click();
  await expect(dialog).toBeHidden();
  const shown = page.getByTestId("new-signing-secret");
  await expect(shown).toHaveText(/^cvs_[A-Za-z0-9_-]{43}$/);
  const secret = (await shown.textContent())!.trim();
  expect(secret).not.toBe(m.signingSecret);
  await expect(page.getByText("Copy it now: you won’t see it again.")).toBeVisible();
  await expectAxeClean(page, testInfo, "new signing secret");
  expect(await auditRows(vault, m.merchantId, "merchant.signing_secret_rotate")).toEqual([expect.objectContaining({ actor: `user:${m.owner.userId}` })]);
  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0);

  const link = await createLink(m.api, { successUrl: merchantSite.url("/thanks") });
  await page.goto(link.link);
  await fillCard(page, { number: uniqueVisa() });
  await saveButton(page).click();
  const query = await expectLanding(page, merchantSite, secret, "/thanks", { checkout_id: link.checkoutId });
  expect(redirectProblem(query, m.signingSecret)).toBe("signature does not match");
});
