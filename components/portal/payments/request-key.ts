// A payment dialog's request_key (lib/payments/form-schemas.ts): 32 random
// hex characters, made with getRandomValues, which, unlike randomUUID, works
// on a plain-http page too.
export function newRequestKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}
