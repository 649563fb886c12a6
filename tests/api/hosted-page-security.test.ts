// The hosted card page's defences over HTTP: its headers (a nonce CSP that
// names the link's redirect origins, no framing, no referrer, nosniff, HSTS
// only on a real https name), its session cookie, and form posts that did not
// come from a page this browser loaded for this link.
import { describe, expect, inject, it } from "vitest";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { futureExpiry, newMerchant, uniqueCustomerId, uniqueVisa, type TestMerchant } from "../support/fixtures";
import { expectStatus, runVaultCli } from "../support/security-suite";
import { openPage, submitForm } from "../support/hosted-form";
import { startServer } from "../support/server";

async function newLink(m: TestMerchant, preferences: Record<string, unknown> = {}) {
  const customerId = uniqueCustomerId("S");
  const r = await m.api.post("/checkout", { customer_id: customerId, customer_first_name: "Alan", customer_last_name: "Turing", preferences });
  expectStatus(r, 200, "create link");
  return { checkoutId: r.body.data.checkout_id as string, customerId, path: `/checkout/${r.body.data.checkout_id}` };
}

const validCard = () => {
  const mmyy = futureExpiry();
  return { card_number: uniqueVisa(), exp_date: `${mmyy.slice(0, 2)}/${mmyy.slice(2)}`, cvv2: "123", billing_zip: "94402" };
};

const directives = (policy: string | null) => new Map((policy ?? "").split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)] as const));

describe("the hosted page's headers", () => {
  it("sends a nonce CSP whose form-action names the link's success and failure origins, and nothing third-party", async () => {
    const m = await newMerchant("Headers Shop");
    const { path } = await newLink(m, { success_url: "https://shop.example/ok?x=1", failure_url: "http://localhost:4123/failed" });
    const page = await openPage(path);
    const policy = page.headers.get("content-security-policy");
    const csp = directives(policy);
    const nonce = /'nonce-([^']+)'/.exec(policy ?? "")?.[1];
    expect(nonce).toBeTruthy();
    expect(csp.get("default-src")).toEqual(["'none'"]);
    expect(csp.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(csp.get("form-action")).toEqual(["'self'", "https://shop.example", "http://localhost:4123"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    // The page runs one script, its own, with this response's nonce and an
    // integrity hash; the rest is data (JSON), which runs nowhere.
    const scripts = [...page.html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !tag.includes('type="application/json"'));
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toContain(`nonce="${nonce}"`);
    expect(scripts[0]).toMatch(/src="\/hosted\/card-form\.en\.js\?v=[0-9a-f]{12}" integrity="sha384-[A-Za-z0-9+/=]{64}"/);
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("cache-control")).toContain("no-store");
    // The test server's public URL is http://localhost: no HSTS there.
    expect(page.headers.get("strict-transport-security")).toBeNull();
  });

  it("serves the form's script exactly as its integrity hash says, small enough for the budget", async () => {
    const m = await newMerchant("Script Shop");
    const { path } = await newLink(m);
    const page = await openPage(path);
    const [, src, integrity] = /src="([^"]+)" integrity="([^"]+)"/.exec(page.html)!;
    const response = await fetch(`${inject("baseUrl")}${src}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/javascript/);
    const code = Buffer.from(await response.arrayBuffer());
    expect(`sha384-${createHash("sha384").update(code).digest("base64")}`).toBe(integrity);
    // The page's whole first-load JavaScript is this one file (budget 80 KB gzipped).
    expect(gzipSync(code).length).toBeLessThan(80 * 1024);
  });

  it("uses a new nonce for every response", async () => {
    const m = await newMerchant("Nonce Shop");
    const { path } = await newLink(m);
    const first = (await openPage(path)).headers.get("content-security-policy");
    const second = (await openPage(path)).headers.get("content-security-policy");
    expect(first).not.toBe(second);
  });

  it("puts the brand colour in a style element that carries the nonce", async () => {
    const m = await newMerchant("Style Shop");
    await runVaultCli(["merchant", "brand", "--merchant", String(m.merchantId), "--color", "#7c3aed"]);
    const { path } = await newLink(m);
    const page = await openPage(path);
    const nonce = /'nonce-([^']+)'/.exec(page.headers.get("content-security-policy") ?? "")?.[1];
    expect(page.html).toMatch(new RegExp(`<style nonce="${nonce!.replace(/[+/=]/g, (c) => `\\${c}`)}">[^<]*--brand:`));
  });

  it("gives the API and unknown paths a closed default policy and the same headers", async () => {
    const response = await fetch(`${inject("baseUrl")}/platform/ping`);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("sends HSTS when the vault is served over https under a real name", async () => {
    const env = { DATABASE_URL: inject("databaseUrl"), VAULT_KEYS_FILE: inject("keysFile"), PUBLIC_BASE_URL: "https://vault.example.com", LOG_LEVEL: "warn" };
    const server = await startServer(env, join(inject("dataDir"), "hsts-server.log"));
    try {
      const response = await fetch(`${server.baseUrl}/`);
      expect(response.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
      expect(response.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    } finally {
      await server.stop();
    }
  });
});

describe("the hosted page's session", () => {
  it("sets an HttpOnly, SameSite=Strict cookie for this link's path only, holding nothing readable", async () => {
    const m = await newMerchant("Cookie Shop");
    const { path } = await newLink(m);
    const page = await openPage(path);
    const cookie = page.setCookie ?? "";
    expect(cookie).toMatch(/^vault_checkout=Fe26\.2\*/); // sealed by iron-session
    expect(cookie).toContain(`Path=${path}`);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toMatch(/SameSite=strict/i);
    expect(cookie).not.toContain("Secure"); // http://localhost in tests; https deployments get Secure
    // Loading the page again keeps the session rather than starting another.
    expect((await openPage(path)).setCookie).toBeNull();
  });

  it("stores the card from its own page even when the browser says Origin: null (as Referrer-Policy: no-referrer makes it)", async () => {
    const m = await newMerchant("Null Origin Own Page");
    const { path } = await newLink(m, { success_url: "https://shop.example/ok" });
    const page = await openPage(path);
    const post = await submitForm(path, page.html, validCard(), { origin: "null", site: "same-origin" });
    expect(post.status).toBe(303);
    expect(post.location).toMatch(/^https:\/\/shop\.example\/ok\?/);
  });

  it("refuses posts that did not come from a page this browser loaded for this link, storing nothing", async () => {
    const m = await newMerchant("CSRF Shop");
    const { path, customerId, checkoutId } = await newLink(m);
    const other = await newLink(m);
    const page = await openPage(path);
    const otherPage = await openPage(other.path);
    const card = validCard();

    // Another site, by Origin or by Sec-Fetch-Site (a sandboxed frame's Origin: null).
    expect((await submitForm(path, page.html, card, { origin: "https://evil.example" })).status).toBe(403);
    expect((await submitForm(path, page.html, card, { origin: "null", site: "cross-site" })).status).toBe(403);
    // No cookie (what a cross-site post gets under SameSite=Strict), a wrong
    // token, and another link's session: the form says the page expired.
    const refusals = [
      await submitForm(path, page.html, card, { origin: "null", cookie: null }),
      await submitForm(path, page.html.replace(/name="csrf_token" value="[^"]+"/, 'name="csrf_token" value="forged"'), card),
      await submitForm(path, page.html, card, { cookie: otherPage.setCookie!.split(";")[0]! }),
    ];
    for (const post of refusals) {
      expect(post.status).toBe(403);
      expect(post.location).toBeNull();
      expect(post.html).toContain("This page has expired");
    }
    expect((await m.api.get(`/vault/customer/${customerId}`)).body.data.billing_cards).toEqual([]);
    // Refused posts are not card attempts: the link is untouched.
    expect((await m.api.get(`/checkout/${checkoutId}`)).body.data).toMatchObject({ state: "open", failed_attempts: 0 });
  });
});
