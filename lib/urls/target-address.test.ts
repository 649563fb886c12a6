// The webhook target rule on its own: every spelling of a loopback,
// private, link-local, CGNAT, multicast, unspecified or metadata address is
// refused; the two operator switches open loopback, then private ranges.
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { BlockedTargetError, guardedLookup, isAllowedTarget, literalAddress, resolvesToBlockedTarget, targetPolicy, type TargetPolicy } from "./target-address";
import { readEnv } from "../env-schema.mjs";

const STRICT: TargetPolicy = { allowLoopback: false, allowPrivate: false };
const LAPTOP: TargetPolicy = { allowLoopback: true, allowPrivate: false };
const PRIVATE_OK: TargetPolicy = { allowLoopback: true, allowPrivate: true };

/** The address a URL's host names, as a socket would be given it. */
const addressOf = (url: string) => literalAddress(new URL(url));

const LOOPBACK_SPELLINGS = [
  "http://127.0.0.1/",
  "http://127.1.2.3/",
  "http://2130706433/",
  "http://0x7f000001/",
  "http://0177.0.0.1/",
  "http://0x7f.1/",
  "http://127.1/",
  "http://[::1]/",
  "http://[::ffff:127.0.0.1]/",
  "http://[::ffff:7f00:1]/",
  "http://[0:0:0:0:0:ffff:127.0.0.1]/",
];

const PRIVATE_SPELLINGS = [
  "https://10.0.0.1/",
  "https://167772161/", // 10.0.0.1
  "https://172.16.5.4/",
  "https://192.168.1.1/",
  "https://0xc0a80101/", // 192.168.1.1
  "https://169.254.169.254/latest/meta-data/", // cloud metadata (link-local)
  "https://[fe80::1]/",
  "https://[fd00:ec2::254]/", // AWS metadata over IPv6 (unique-local)
  "https://[fc00::1]/",
  "https://100.64.0.1/", // CGNAT
  "https://100.100.100.200/", // a cloud's metadata in CGNAT space
  "https://[::ffff:10.0.0.1]/",
  "https://[::ffff:169.254.169.254]/",
];

const NEVER_SPELLINGS = ["https://0.0.0.0/", "https://0/", "https://[::]/", "https://224.0.0.1/", "https://[ff02::1]/", "https://255.255.255.255/"];

const PUBLIC_SPELLINGS = ["https://93.184.215.14/", "https://1572395022/", "https://[2606:4700::6810:84e5]/", "https://[::ffff:93.184.215.14]/"];

describe("which addresses a webhook may reach", () => {
  it.each(LOOPBACK_SPELLINGS)("refuses loopback %s unless loopback is allowed", (url) => {
    const address = addressOf(url);
    expect(address).not.toBeNull();
    expect(isAllowedTarget(address!, STRICT)).toBe(false);
    expect(isAllowedTarget(address!, LAPTOP)).toBe(true);
  });

  it.each(PRIVATE_SPELLINGS)("refuses private, link-local, CGNAT or metadata %s unless private targets are allowed", (url) => {
    const address = addressOf(url)!;
    expect(isAllowedTarget(address, STRICT)).toBe(false);
    expect(isAllowedTarget(address, LAPTOP)).toBe(false);
    expect(isAllowedTarget(address, PRIVATE_OK)).toBe(true);
  });

  it.each(NEVER_SPELLINGS)("refuses unspecified, multicast or broadcast %s even with the switch on", (url) => {
    expect(isAllowedTarget(addressOf(url)!, PRIVATE_OK)).toBe(false);
  });

  it.each(PUBLIC_SPELLINGS)("lets a public address through: %s", (url) => {
    expect(isAllowedTarget(addressOf(url)!, STRICT)).toBe(true);
  });

  it("reads the switches from the environment: loopback only while the vault's own URL is loopback", () => {
    expect(targetPolicy(readEnv({}))).toEqual(LAPTOP);
    expect(targetPolicy(readEnv({ PUBLIC_BASE_URL: "http://127.0.0.1:8080" }))).toEqual(LAPTOP);
    expect(targetPolicy(readEnv({ PUBLIC_BASE_URL: "https://vault.example.com" }))).toEqual(STRICT);
    expect(targetPolicy(readEnv({ PUBLIC_BASE_URL: "https://vault.example.com", WEBHOOK_ALLOW_PRIVATE_TARGETS: "1" }))).toEqual(PRIVATE_OK);
  });
});

describe("names, resolved as a delivery resolves them", () => {
  const lookupWith = (policy: TargetPolicy, name: string) =>
    new Promise<{ error: Error | null; address: string }>((resolve) =>
      guardedLookup(policy)(name, { family: 0 }, (error, address) => resolve({ error, address: String(address) })),
    );

  it.each(["localhost", "LocalHost", hostname()])("a name that resolves to loopback (%s) is blocked, and allowed on a laptop", async (name) => {
    const blocked = await lookupWith(STRICT, name);
    expect(blocked.error).toBeInstanceOf(BlockedTargetError);
    const allowed = await lookupWith(LAPTOP, name);
    expect(allowed.error).toBeNull();
    expect(isAllowedTarget(allowed.address, LAPTOP)).toBe(true);
  });

  it("the check at save sees through names and numeric spellings alike", async () => {
    expect(await resolvesToBlockedTarget("http://localhost:9/hook", STRICT)).toBe(true);
    expect(await resolvesToBlockedTarget("http://0x7f000001:9/hook", STRICT)).toBe(true);
    expect(await resolvesToBlockedTarget("http://localhost:9/hook", LAPTOP)).toBe(false);
    expect(await resolvesToBlockedTarget("https://10.0.0.1/hook", LAPTOP)).toBe(true);
    // A name that does not resolve is left to the delivery's own check.
    expect(await resolvesToBlockedTarget("https://no-such-host.invalid/hook", STRICT)).toBe(false);
  });
});
