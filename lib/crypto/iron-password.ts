import "#server-only";
import { hkdfSync } from "node:crypto";
import { getKeyring } from "./get-keyring";

// The passwords iron-session seals with (the hosted page's session, the
// portal's session, the portal's pending TOTP enrolment), each derived from
// the vault's fingerprint key by HKDF under its own label, so no two uses
// share a key and none needs a secret of its own. Derived once per key and
// label, not on every request; a reloaded key file derives them again.

const derived = new Map<string, { from: Buffer; password: string }>();

/** The iron password for `label` (e.g. "customer-vault portal session v1"). */
export function ironPassword(label: string): string {
  const { fingerprintKey } = getKeyring();
  const cached = derived.get(label);
  if (cached?.from === fingerprintKey) return cached.password;
  const password = Buffer.from(hkdfSync("sha256", fingerprintKey, Buffer.alloc(0), label, 32)).toString("hex");
  derived.set(label, { from: fingerprintKey, password });
  return password;
}
