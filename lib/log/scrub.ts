// Makes any value safe to hand to the logger: a deep copy in which secrets
// are removed by property NAME (sensitive-key.ts) and card numbers by CONTENT
// in every string (redact-card-numbers.ts), so safety does not depend on each
// call site remembering what it logs.

import { types } from "node:util";
import { redactCardNumbers } from "./redact-card-numbers";
import { isCardContextKey, isSensitiveKey, normalizeKeyName } from "./sensitive-key";

const REDACTED = "[REDACTED]";
// Deep enough for request bodies and error causes; deeper structures are
// almost always accidental (ORM objects, sockets) and costly to walk.
const MAX_DEPTH = 8;

/** A deep, redacted copy of `value` that is safe to log; the input is never mutated. */
export function scrubForLog(value: unknown): unknown {
  return scrub(value, 0, new Set());
}

// `ancestors` holds the objects on the current path only, so a shared (but
// acyclic) reference is copied twice rather than reported as circular.
// A whole UUID (our request ids) is 32 hex digits in 8-4-4-4-12 groups: never
// a card number, though its digit groups can chain into a Luhn-valid
// hyphenated run ("...a141-9800-4836-9592-3675..."), which would cut the id
// a log line is searched by.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Likewise a whole 32-hex id of ours (event_id, card_id, checkout_id) with
// at least one letter: a card number is digits only, and such an id can hold
// a Luhn-valid run of 13 to 19 digits.
const HEX_ID = /^(?=[0-9a-f]*[a-f])[0-9a-f]{32}$/;

function scrub(value: unknown, depth: number, ancestors: Set<object>): unknown {
  if (typeof value === "string") return UUID.test(value) || HEX_ID.test(value) ? value : redactCardNumbers(value);
  // JSON cannot hold a BigInt; once it is a string it is scanned like one.
  if (typeof value === "bigint") return redactCardNumbers(value.toString());
  // Numbers stay as they are: a 13-digit epoch-ms timestamp passes Luhn one
  // time in ten, and redacting numeric fields would break metrics and queries.
  if (typeof value !== "object" || value === null) return value;

  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "[Invalid Date]" : value.toISOString();
  // Raw bytes could be anything (a request body, key material): never dump them.
  if (Buffer.isBuffer(value)) return `[Buffer ${value.length} bytes]`;
  if (ArrayBuffer.isView(value)) return `[${value.constructor.name} ${value.byteLength} bytes]`;
  if (value instanceof ArrayBuffer) return `[ArrayBuffer ${value.byteLength} bytes]`;

  if (ancestors.has(value)) return "[Circular]";
  if (depth >= MAX_DEPTH) return "[Truncated]";
  ancestors.add(value);
  try {
    return scrubContainer(value, depth + 1, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function scrubContainer(value: object, depth: number, ancestors: Set<object>): unknown {
  if (value instanceof Error || types.isNativeError(value)) return scrubError(value as Error, depth, ancestors);
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth, ancestors));
  if (value instanceof Map) return scrubEntries([...value.entries()], depth, ancestors);
  if (value instanceof Set) return [...value].map((item) => scrub(item, depth, ancestors));
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") {
    // Log what JSON.stringify would have logged (Decimal, URL, ...), scrubbed.
    const json: unknown = toJSON.call(value);
    if (json !== value) return scrub(json, depth, ancestors);
  }
  return scrubEntries(readEntries(value), depth, ancestors);
}

// Shaped like pino's own err serializer ({ type, message, stack }) so error
// logs look the same whether or not they passed through here.
function scrubError(error: Error, depth: number, ancestors: Set<object>): Record<string, unknown> {
  const out = scrubEntries(
    readEntries(error).filter(([key]) => key !== "message" && key !== "stack"),
    depth,
    ancestors,
  );
  out.type = String(error.name);
  out.message = redactCardNumbers(String(error.message));
  if (typeof error.stack === "string") out.stack = redactCardNumbers(error.stack);
  // cause and AggregateError#errors are non-enumerable, yet often the useful part.
  if (error.cause !== undefined) out.cause = scrub(error.cause, depth, ancestors);
  if (error instanceof AggregateError) out.errors = scrub(error.errors, depth, ancestors);
  return out;
}

function readEntries(value: object): Array<[unknown, unknown]> {
  return Object.keys(value).map((key) => {
    try {
      return [key, (value as Record<string, unknown>)[key]];
    } catch {
      // A throwing getter must not turn a log call into a crash.
      return [key, "[Unreadable]"];
    }
  });
}

function scrubEntries(entries: Array<[unknown, unknown]>, depth: number, ancestors: Set<object>): Record<string, unknown> {
  const keys = entries.map(([key]) => String(key));
  // A bare "number" next to an expiry or CVV is the card number.
  const cardShaped = keys.some(isCardContextKey);
  const out: Record<string, unknown> = {};
  entries.forEach(([, item], i) => {
    const key = keys[i] ?? "";
    const sensitive = isSensitiveKey(key) || (cardShaped && normalizeKeyName(key) === "number");
    // Keys are text too: a PAN used as a map key must not leak either.
    const safeKey = redactCardNumbers(key);
    const safeValue = sensitive ? REDACTED : scrub(item, depth, ancestors);
    // Plain assignment of "__proto__" would replace the prototype instead of
    // creating a property.
    if (safeKey === "__proto__") {
      Object.defineProperty(out, safeKey, { value: safeValue, enumerable: true, writable: true, configurable: true });
    } else {
      out[safeKey] = safeValue;
    }
  });
  return out;
}
