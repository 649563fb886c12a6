// The hosted card page as a customer uses it: fields found by their visible
// labels, the "Save card" button, and the merchant's landing page after the
// redirect (checked with the merchant-side signature check).
import { expect, type Locator, type Page } from "@playwright/test";
import { futureExpiry } from "./cards";
import type { Landing, MerchantSite } from "./merchant-site";
import { LANDING_HEADINGS } from "./merchant-site";
import { redirectProblem } from "./redirect-signature";

export type CardDetails = {
  number: string;
  expiry?: string;
  cvv?: string;
  zip?: string;
  address?: string;
  city?: string;
  state?: string;
};

/** The form's fields by label, in page order. */
export const LABELS = {
  number: "Card number",
  expiry: "Expiry date",
  cvv: "Security code",
  name: "Name on card",
  address: "Billing address",
  city: "City",
  state: "State",
  zip: "ZIP code",
  country: "Country",
} as const;

/** A page, or a frame of one (the embedded form): anything the form can be found in. */
export type FormSurface = Pick<Page, "getByLabel" | "getByRole" | "getByText">;

export const field = (page: FormSurface, label: keyof typeof LABELS): Locator => page.getByLabel(LABELS[label]);
export const saveButton = (page: FormSurface): Locator => page.getByRole("button", { name: "Save card" });

/** The "Add billing address" toggle: the address fields sit behind it. */
export const addressToggle = (page: FormSurface): Locator => page.getByText("Add billing address", { exact: true });

/** Opens the billing address section if it is closed. */
export async function openAddress(page: FormSurface): Promise<void> {
  if (!(await field(page, "address").isVisible())) await addressToggle(page).click();
  await expect(field(page, "address")).toBeVisible();
}

/** Types the card details into the form (the address section opened for them); the name on card is left as prefilled. */
export async function fillCard(page: FormSurface, card: CardDetails): Promise<void> {
  // Opened first: a field left with a malformed value shows its error, which moves what is below it.
  await openAddress(page);
  await field(page, "number").fill(card.number);
  await field(page, "expiry").fill(card.expiry ?? futureExpiry());
  await field(page, "cvv").fill(card.cvv ?? "123");
  await field(page, "address").fill(card.address ?? "1 Harbor Way");
  await field(page, "city").fill(card.city ?? "San Mateo");
  await field(page, "state").fill(card.state ?? "CA");
  await field(page, "zip").fill(card.zip ?? "94402");
}

/**
 * Waits for the browser to land on the merchant's page `path`, then checks
 * what the merchant relies on: the merchant's server received exactly this
 * query, the signature verifies under the signing secret, the timestamp is
 * recent, and the expected parameters are there. Returns the query.
 */
export async function expectLanding(
  page: Page,
  site: MerchantSite,
  signingSecret: string,
  path: "/thanks" | "/sorry",
  expected: Record<string, string>,
): Promise<URLSearchParams> {
  // An assertion rather than waitForURL: it gives up after the expect
  // timeout, not the whole test's, and names the page the browser is on.
  await expect(page, `lands on the merchant's ${path}`).toHaveURL((url) => url.origin === site.origin && url.pathname === path);
  await expect(page.getByRole("heading", { name: LANDING_HEADINGS[path] })).toBeVisible();
  const query = new URL(page.url()).searchParams;
  const received: Landing[] = site.landingsFor(query.get("checkout_id") ?? "");
  expect(
    received.map((l) => l.url),
    "the merchant's server received the redirect",
  ).toContain(page.url());
  expect(redirectProblem(query, signingSecret), `redirect ${page.url()}`).toBeNull();
  expect(Object.fromEntries(query)).toMatchObject(expected);
  return query;
}

/**
 * The field is marked invalid and its message is tied to it: aria-invalid,
 * aria-describedby naming a visible element that says `message` (so a screen
 * reader reads it with the field), shown right by the field.
 */
export async function expectFieldError(page: Page, label: keyof typeof LABELS, message: RegExp): Promise<void> {
  const input = field(page, label);
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(input).toHaveAccessibleDescription(message);
  const ids = ((await input.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter(Boolean);
  const described = page.locator(ids.map((id) => `[id="${id}"]`).join(", ") || "#no-aria-describedby");
  const shown = described.filter({ hasText: message });
  await expect(shown).toBeVisible();
  // "Next to the field": within a line or two of the input, above or below.
  const [box, messageBox] = [await input.boundingBox(), await shown.boundingBox()];
  expect(box && messageBox, "field and message have boxes").toBeTruthy();
  const gap = Math.max(messageBox!.y - (box!.y + box!.height), box!.y - (messageBox!.y + messageBox!.height));
  expect(gap, `the ${LABELS[label]} message is ${Math.round(gap)} px from its field`).toBeLessThan(48);
}

/** The field is not marked invalid. */
export async function expectNoFieldError(page: Page, label: keyof typeof LABELS): Promise<void> {
  await expect(field(page, label)).not.toHaveAttribute("aria-invalid", "true");
}

/** The summary announced on submit (role="alert"), with some text in it. */
export const errorSummary = (page: FormSurface): Locator => page.getByRole("alert").filter({ hasText: /\w/ }).first();
