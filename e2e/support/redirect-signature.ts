// The merchant's check of the vault's redirect, written from
// docs/api-contract.md ("The redirect signature") and not from the vault's code, so the
// two implementations check each other: HMAC-SHA256 (hex) under the UTF-8
// bytes of the signing secret, over every query parameter except
// `signature`, names sorted by UTF-16 code unit, each `name=` +
// encodeURIComponent(value), joined by "&". `timestamp` is Unix seconds.
import { createHmac, timingSafeEqual } from "node:crypto";

export function expectedSignature(query: URLSearchParams, signingSecret: string): string {
  const names = [...new Set(query.keys())].filter((name) => name !== "signature").sort();
  const canonical = names.map((name) => `${name}=${encodeURIComponent(query.get(name) ?? "")}`).join("&");
  return createHmac("sha256", Buffer.from(signingSecret, "utf8")).update(canonical, "utf8").digest("hex");
}

/** Why the redirect should not be trusted, or null when it checks out. */
export function redirectProblem(query: URLSearchParams, signingSecret: string, maxAgeSeconds = 300): string | null {
  const given = query.get("signature") ?? "";
  if (!/^[0-9a-f]{64}$/.test(given)) return `signature is not 64 lowercase hex characters: "${given}"`;
  const expected = expectedSignature(query, signingSecret);
  if (!timingSafeEqual(Buffer.from(given, "hex"), Buffer.from(expected, "hex"))) return "signature does not match";
  const timestamp = Number(query.get("timestamp"));
  if (!Number.isInteger(timestamp)) return `timestamp is not Unix seconds: "${query.get("timestamp")}"`;
  const age = Date.now() / 1000 - timestamp;
  if (Math.abs(age) > maxAgeSeconds) return `timestamp is ${Math.round(age)} s old`;
  return null;
}
