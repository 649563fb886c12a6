import { createHmac } from "node:crypto";

// The signature on the redirect to a merchant's success_url
// (docs/api-contract.md, The redirect signature): HMAC-SHA256, under the UTF-8 bytes of the merchant's
// signing secret, of every query parameter except `signature`, sorted by
// name (UTF-16 code units, JavaScript's default sort), each written
// name=encodeURIComponent(value), joined by "&"; lowercase hex.

// The rule for a merchant's own URL lives in lib/urls/redirect-url.ts (no
// node:crypto, so the portal's browser forms can check it too).

/** The string that is signed, from a URL's query. */
export function canonicalQuery(params: URLSearchParams): string {
  const names = [...new Set(params.keys())].filter((name) => name !== "signature").sort();
  return names.map((name) => `${name}=${encodeURIComponent(params.get(name) ?? "")}`).join("&");
}

export function redirectSignature(params: URLSearchParams, signingSecret: string): string {
  return createHmac("sha256", Buffer.from(signingSecret, "utf8")).update(canonicalQuery(params)).digest("hex");
}

/** `base` with `added` appended to its query and the whole query signed. */
export function signedRedirectUrl(base: string, added: Record<string, string>, signingSecret: string): URL {
  const url = new URL(base);
  for (const [name, value] of Object.entries(added)) url.searchParams.append(name, value);
  url.searchParams.append("signature", redirectSignature(url.searchParams, signingSecret));
  return url;
}
