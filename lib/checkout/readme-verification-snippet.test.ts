// The merchant-facing verification snippet in the README, run as written
// against redirects this code signs: the docs cannot drift from the scheme.
import { describe, expect, it } from "vitest";
import { loadReadmeFunction } from "../../tests/support/readme-snippet";
import { signedRedirectUrl } from "./redirect-signature";

type Verify = (url: string, secret: string, maxAgeSeconds?: number) => boolean;
const loadSnippet = () => loadReadmeFunction<Verify>("verifyVaultRedirect");

describe("the README's redirect verification snippet", () => {
  it("accepts a fresh redirect signed with the merchant's secret, and nothing altered, stale or signed otherwise", async () => {
    const verify = await loadSnippet();
    const now = String(Math.floor(Date.now() / 1000));
    const added = { checkout_id: "a".repeat(32), customer_id: "Jane 1/é", card_id: "b".repeat(32), timestamp: now };
    const url = signedRedirectUrl("https://shop.example/done?order=A%2012", added, "cvs_secret").toString();
    expect(verify(url, "cvs_secret")).toBe(true);
    expect(verify(url, "another_secret")).toBe(false);
    expect(verify(url.replace("b".repeat(32), "c".repeat(32)), "cvs_secret")).toBe(false);
    const stale = signedRedirectUrl("https://shop.example/done", { ...added, timestamp: String(Number(now) - 3600) }, "cvs_secret");
    expect(verify(stale.toString(), "cvs_secret")).toBe(false);
  });
});
