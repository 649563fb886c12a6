import "#server-only";
import { randomBytes } from "node:crypto";
import type { Keyring } from "./keyring";

/*
 * Key material JSON, as stored in the key file or in env VAULT_KEYS:
 *
 *   {
 *     "format": 1,
 *     "active_kek_version": 1,
 *     "keks": { "1": "<standard base64 of 32 random bytes>", "2": "..." },
 *     "fingerprint_key": "<standard base64 of 32 random bytes>"
 *   }
 *
 * - "format" must be 1; a future layout gets a new number instead of guessing.
 * - KEK versions are positive integers (decimal, no leading zeros) that fit the
 *   uint32 field of the sealed blob header.
 * - "active_kek_version" must name an entry in "keks".
 * - Every key decodes to exactly 32 bytes; all keys must be distinct (a pasted
 *   duplicate is almost certainly an operator mistake, and a distinct
 *   fingerprint key keeps HMAC and encryption keys separate).
 * - No other fields are allowed, so a misspelt field fails loudly.
 *
 * Validation errors name the field but never echo values: the whole document
 * is secret, which is also why JSON.parse's own message (it quotes the input)
 * is never passed on.
 */

export const KEY_BYTES = 32;
export const MAX_KEK_VERSION = 0xffff_ffff;

const FIELDS = new Set(["format", "active_kek_version", "keks", "fingerprint_key"]);
const VERSION_NAME = /^[1-9][0-9]{0,9}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Parses and strictly validates key material JSON into a Keyring. */
export function parseKeyMaterial(json: string, source: string): Keyring {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw invalid(source, "not valid JSON");
  }
  if (!isRecord(raw)) throw invalid(source, "expected a JSON object");
  for (const field of Object.keys(raw)) {
    if (!FIELDS.has(field)) throw invalid(source, `unexpected field ${describeName(field)}`);
  }
  if (raw.format !== 1) throw invalid(source, `"format" must be 1`);

  const active = raw.active_kek_version;
  if (!isKekVersion(active)) {
    throw invalid(source, `"active_kek_version" must be an integer from 1 to ${MAX_KEK_VERSION}`);
  }

  if (!isRecord(raw.keks)) throw invalid(source, `"keks" must be an object of version -> base64 key`);
  const keks = new Map<number, Buffer>();
  for (const [name, value] of Object.entries(raw.keks)) {
    const version = Number(name);
    if (!VERSION_NAME.test(name) || !isKekVersion(version)) {
      throw invalid(source, `KEK version ${describeName(name)} must be an integer from 1 to ${MAX_KEK_VERSION}`);
    }
    keks.set(version, decodeKey(value, `keks["${name}"]`, source));
  }
  if (keks.size === 0) throw invalid(source, `"keks" is empty`);
  if (!keks.has(active)) throw invalid(source, `"active_kek_version" ${active} has no entry in "keks"`);

  const fingerprintKey = decodeKey(raw.fingerprint_key, `"fingerprint_key"`, source);
  const all = [...keks.values(), fingerprintKey].map((key) => key.toString("hex"));
  if (new Set(all).size !== all.length) throw invalid(source, "keys must all be different");

  return { activeKekVersion: active, keks, fingerprintKey, source };
}

/** Serializes a keyring to the key material JSON format (versions ascending). */
export function serializeKeyMaterial(keyring: Keyring): string {
  const keks: Record<string, string> = {};
  for (const version of [...keyring.keks.keys()].sort((a, b) => a - b)) {
    keks[String(version)] = (keyring.keks.get(version) as Buffer).toString("base64");
  }
  const doc = {
    format: 1,
    active_kek_version: keyring.activeKekVersion,
    keks,
    fingerprint_key: keyring.fingerprintKey.toString("base64"),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Returns a new random 32-byte key. */
export function generateKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** Builds a fresh keyring with KEK version 1 and a fingerprint key. */
export function generateKeyring(source: string): Keyring {
  return {
    activeKekVersion: 1,
    keks: new Map([[1, generateKey()]]),
    fingerprintKey: generateKey(),
    source,
  };
}

/** True for an integer usable as a KEK version (fits the uint32 header field). */
export function isKekVersion(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= MAX_KEK_VERSION;
}

function decodeKey(value: unknown, label: string, source: string): Buffer {
  if (typeof value !== "string") throw invalid(source, `${label} must be a base64 string`);
  // Buffer.from silently skips junk characters, so insist on canonical base64.
  const bytes = Buffer.from(value, "base64");
  if (!BASE64.test(value) || bytes.toString("base64") !== value) {
    throw invalid(source, `${label} is not valid standard base64`);
  }
  if (bytes.length !== KEY_BYTES) {
    throw invalid(source, `${label} must decode to exactly ${KEY_BYTES} bytes (got ${bytes.length})`);
  }
  return bytes;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Only echo names that look like identifiers: a key pasted in the wrong place
// could otherwise end up in a log line.
function describeName(name: string): string {
  return /^[A-Za-z0-9_-]{1,24}$/.test(name) ? JSON.stringify(name) : "(name not shown)";
}

function invalid(source: string, why: string): Error {
  return new Error(`Invalid vault key material (${source}): ${why}`);
}
