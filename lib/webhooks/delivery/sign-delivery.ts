import { createHmac } from "node:crypto";

// The two signatures every delivery carries (README: "Verifying a webhook"):
//
// - x-qualpay-webhook-signature: base64 HMAC-SHA256 of the raw body, as the
//   reference defines it, so existing Qualpay receivers keep working.
// - x-vault-signature: "t=<unix seconds>,v1=<hex HMAC-SHA256 of `${t}.${body}`>".
//   The body alone cannot show when it was sent, so a captured request could
//   be replayed forever; binding the time lets receivers refuse old ones.
//
// While a secret is being rotated there are two secrets, newest first: the
// first header lists both base64 signatures joined by a comma, the second
// carries one v1= per secret.

export const QUALPAY_SIGNATURE_HEADER = "x-qualpay-webhook-signature";
export const VAULT_SIGNATURE_HEADER = "x-vault-signature";

export function bodySignature(body: string, secret: string): string {
  return createHmac("sha256", Buffer.from(secret, "utf8")).update(body, "utf8").digest("base64");
}

export function timestampedSignature(body: string, secret: string, timestamp: number): string {
  return createHmac("sha256", Buffer.from(secret, "utf8")).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

/** The signature headers of one request; `secrets` newest first. */
export function signatureHeaders(body: string, secrets: string[], timestamp: number): Record<string, string> {
  return {
    [QUALPAY_SIGNATURE_HEADER]: secrets.map((s) => bodySignature(body, s)).join(","),
    [VAULT_SIGNATURE_HEADER]: [`t=${timestamp}`, ...secrets.map((s) => `v1=${timestampedSignature(body, s, timestamp)}`)].join(","),
  };
}
