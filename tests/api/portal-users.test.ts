// Portal users, the first piece of the portal: the CLI creates them with
// the flags the README gives (The CLI, `user create`), passwords are stored only as scrypt hashes,
// and sign-in locks a user for 30 minutes after 10 failures in a row.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { LOCKOUT_MS, MAX_FAILED_SIGN_INS, verifySignIn } from "@/lib/users/verify-sign-in";
import { newMerchant } from "../support/fixtures";
import { lastJsonLine, runVaultCli } from "../support/security-suite";

const PASSWORD = "a long enough passphrase";
const uniqueEmail = (name = "staff") => `${name}.${randomBytes(5).toString("hex")}@Shop.Example`;

async function cliCreate(merchantId: number, email: string, role = "staff", password = PASSWORD) {
  return runVaultCli(["user", "create", "--merchant", String(merchantId), "--email", email, "--role", role, "--password", password, "--json"]);
}

describe("user create (CLI)", () => {
  it("creates a user for each role; --json ends with {user_id, email}; only a scrypt hash is stored", async () => {
    const m = await newMerchant("Portal users");
    for (const role of ["owner", "admin", "staff", "viewer"]) {
      const email = uniqueEmail(role);
      const result = await cliCreate(m.merchantId, email, role);
      expect(result.code, result.stderr).toBe(0);
      const created = lastJsonLine<{ user_id: number; email: string }>(result);
      expect(Object.keys(created).sort()).toEqual(["email", "user_id"]);
      expect(created.email).toBe(email.toLowerCase());
      const row = await getDb().user.findUniqueOrThrow({ where: { id: created.user_id } });
      expect(row).toMatchObject({ merchantId: BigInt(m.merchantId), role, email: email.toLowerCase() });
      expect(row.passwordHash).toMatch(/^scrypt\$/);
      expect(row.passwordHash).not.toContain(PASSWORD);
      expect(result.stdout + result.stderr).not.toContain("scrypt$");
      const audit = await getDb().auditLog.findMany({ where: { merchantId: BigInt(m.merchantId), action: "user.create", targetId: String(created.user_id) } });
      expect(audit).toHaveLength(1);
    }
  });

  it.each<[string, { email?: string; role?: string; password?: string }, RegExp]>([
    ["a password under 12 characters", { password: "short pass1" }, /--password must be at least 12 characters/],
    ["an unknown role", { role: "superuser" }, /--role must be one of owner, admin, staff, viewer/],
    ["a malformed email", { email: "not-an-email" }, /--email must be an email address/],
  ])("refuses %s (exit 2) and creates nothing", async (_what, change, message) => {
    const m = await newMerchant("Portal users refused");
    const email = change.email ?? uniqueEmail();
    const result = await cliCreate(m.merchantId, email, change.role ?? "staff", change.password ?? PASSWORD);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(await getDb().user.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(0);
  });

  it("refuses an email that is taken, in any case, and an unknown merchant (exit 1)", async () => {
    const m = await newMerchant("Portal users taken");
    const email = uniqueEmail();
    expect((await cliCreate(m.merchantId, email)).code).toBe(0);
    const again = await cliCreate(m.merchantId, email.toUpperCase());
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    const unknown = await cliCreate(219_999_999_999, uniqueEmail());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Merchant not found/);
  });
});

describe("sign-in check", () => {
  async function user() {
    const m = await newMerchant("Portal sign-in");
    const email = uniqueEmail();
    const result = await cliCreate(m.merchantId, email, "admin");
    expect(result.code, result.stderr).toBe(0);
    return { merchantId: m.merchantId, email, userId: lastJsonLine<{ user_id: number }>(result).user_id };
  }

  it("accepts the right password (email in any case) and records the sign-in", async () => {
    const u = await user();
    const result = await verifySignIn(`  ${u.email.toUpperCase()} `, PASSWORD);
    expect(result).toMatchObject({ ok: true, user: { id: u.userId, merchantId: BigInt(u.merchantId), role: "admin" } });
    const row = await getDb().user.findUniqueOrThrow({ where: { id: u.userId } });
    expect(row.lastSignInAt).not.toBeNull();
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const u = await user();
    expect(await verifySignIn(u.email, `${PASSWORD}!`)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifySignIn(uniqueEmail("nobody"), PASSWORD)).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks after 10 failures in a row for 30 minutes, refusing even the right password, then lets it in", async () => {
    const u = await user();
    const start = new Date();
    for (let i = 1; i < MAX_FAILED_SIGN_INS; i++) expect((await verifySignIn(u.email, "wrong password!", start)).ok).toBe(false);
    const tenth = await verifySignIn(u.email, "wrong password!", start);
    expect(tenth).toMatchObject({ ok: false, reason: "locked" });
    expect(await verifySignIn(u.email, PASSWORD, new Date(start.getTime() + LOCKOUT_MS - 1000))).toMatchObject({ ok: false, reason: "locked" });
    expect((await verifySignIn(u.email, PASSWORD, new Date(start.getTime() + LOCKOUT_MS + 1000))).ok).toBe(true);
    const actions = await getDb().auditLog.findMany({ where: { merchantId: BigInt(u.merchantId), action: { startsWith: "user." } }, select: { action: true } });
    const counts = actions.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.action]: (acc[a.action] ?? 0) + 1 }), {});
    expect(counts).toEqual({ "user.create": 1, "user.sign_in_failed": 10, "user.lock": 1, "user.sign_in": 1 });
  });

  it("a success resets the count: nine failures, a success, nine more do not lock", async () => {
    const u = await user();
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i++) await verifySignIn(u.email, "wrong password!");
    expect((await verifySignIn(u.email, PASSWORD)).ok).toBe(true);
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i++) expect(await verifySignIn(u.email, "wrong password!")).toEqual({ ok: false, reason: "invalid" });
    expect((await verifySignIn(u.email, PASSWORD)).ok).toBe(true);
  });
});
