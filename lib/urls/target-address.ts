import "#server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { getEnv, type Env } from "../env";
import { isLoopbackHost } from "./merchant-url";

// Which addresses the vault may connect to at a URL a merchant names: its
// webhooks, and an upstream payment gateway. Without this rule the vault
// would POST into its own network: loopback services, the database, a
// cloud's metadata endpoint. The rule is applied
// to the address a connection is actually made to (after DNS, at every new
// connection), since a name can resolve to a public address when the URL is
// saved and to a private one at delivery. ipaddr.js classifies addresses;
// IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it is.
// Numeric spellings of IPv4 (2130706433, 0x7f000001, 0177.0.0.1) never get
// here as such: the WHATWG URL parser turns them into dotted quads first.

/** What this process lets webhooks reach besides public unicast addresses. */
export type TargetPolicy = {
  /** Loopback: the laptop default, while PUBLIC_BASE_URL itself is a loopback URL. */
  allowLoopback: boolean;
  /** Private, unique-local, link-local and CGNAT too: WEBHOOK_ALLOW_PRIVATE_TARGETS=1. */
  allowPrivate: boolean;
};

/** The answer a blocked delivery records: that it was blocked, never a port state or a timing. */
export const BLOCKED_TARGET = "blocked: private address";

// ipaddr.js range names. Anything else that is not plain "unicast"
// (unspecified, broadcast, multicast, reserved, and the IPv6 translation
// prefixes that can embed a private IPv4 address) is refused even with the
// switch on: no receiver lives there.
const PRIVATE_RANGES = new Set(["private", "uniqueLocal", "linkLocal", "carrierGradeNat"]);

/** The policy PUBLIC_BASE_URL and WEBHOOK_ALLOW_PRIVATE_TARGETS give. */
export function targetPolicy(env: Env = getEnv()): TargetPolicy {
  return {
    allowLoopback: env.WEBHOOK_ALLOW_PRIVATE_TARGETS || isLoopbackHost(new URL(env.PUBLIC_BASE_URL).hostname),
    allowPrivate: env.WEBHOOK_ALLOW_PRIVATE_TARGETS,
  };
}

/** Whether a webhook may connect to this IP address (a non-address is refused). */
export function isAllowedTarget(address: string, policy: TargetPolicy): boolean {
  if (!ipaddr.isValid(address)) return false;
  const range = ipaddr.process(address).range();
  if (range === "unicast") return true;
  if (range === "loopback") return policy.allowLoopback;
  return policy.allowPrivate && PRIVATE_RANGES.has(range);
}

/** A connection refused by the policy; sendDelivery records it as BLOCKED_TARGET. */
export class BlockedTargetError extends Error {
  constructor() {
    super(BLOCKED_TARGET);
    this.name = "BlockedTargetError";
  }
}

/** The URL's host as an IP address, brackets dropped, or null for a name. */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  return isIP(host) ? host : null;
}

/**
 * dns.lookup that fails with BlockedTargetError when any address the name
 * resolves to is refused, for the `lookup` option of a socket. Node skips
 * `lookup` for an IP literal, so callers check those with isAllowedTarget.
 */
export function guardedLookup(policy: TargetPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 4);
      const [first] = addresses;
      if (!first || !addresses.every((a) => isAllowedTarget(a.address, policy))) return callback(new BlockedTargetError(), "", 4);
      if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
      callback(null, first.address, first.family);
    });
  };
}

/**
 * At save: true when the URL's host is, or resolves now to, an address the
 * policy refuses. A name that does not resolve yet is not refused here;
 * every delivery checks again anyway.
 */
export async function resolvesToBlockedTarget(url: string, policy: TargetPolicy = targetPolicy()): Promise<boolean> {
  const parsed = new URL(url);
  const literal = literalAddress(parsed);
  if (literal) return !isAllowedTarget(literal, policy);
  const addresses = await new Promise<LookupAddress[]>((resolve) => dnsLookup(parsed.hostname, { all: true }, (error, all) => resolve(error ? [] : all)));
  return addresses.some((a) => !isAllowedTarget(a.address, policy));
}
