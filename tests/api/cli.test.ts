// The operator CLI as a real child process against the running server's
// database: merchants and keys created with the CLI while the server runs
// work at once, and API keys are stored as hashes (README, The CLI).
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { apiClient } from "../support/api-client";
import { databaseSnapshot, lastJsonLine, runVaultCli } from "../support/security-suite";

type CreatedMerchant = { merchant_id: number; api_key: string; signing_secret: string };
type CreatedKey = { key_id: number; api_key: string; prefix: string };

describe("operator CLI", () => {
  let merchant: CreatedMerchant;
  let createStdout: string;

  beforeAll(async () => {
    const result = await runVaultCli(["merchant", "create", "--name", "CLI Merchant", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    createStdout = result.stdout;
    merchant = lastJsonLine<CreatedMerchant>(result);
  });

  it("merchant create --json ends with {merchant_id, api_key, signing_secret}, merchant_id an integer", () => {
    expect(Object.keys(merchant).sort()).toEqual(["api_key", "merchant_id", "signing_secret"]);
    expect(typeof merchant.merchant_id).toBe("number");
    expect(Number.isSafeInteger(merchant.merchant_id)).toBe(true);
    expect(String(merchant.merchant_id)).toMatch(/^\d{12}$/);
    expect(merchant.api_key).toMatch(/^\S{20,}$/);
    expect(merchant.signing_secret).toMatch(/^\S{20,}$/);
    expect(merchant.api_key).not.toBe(merchant.signing_secret);
    // The last line is the JSON; nothing after it.
    expect(createStdout.trimEnd().split("\n").at(-1)).toBe(JSON.stringify(merchant));
  });

  it("the new key works against the already running server at once: an empty customer list", async () => {
    const response = await apiClient(merchant.api_key).get("/vault/customer");
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.code).toBe(0);
    expect(response.body.data).toEqual([]);
    expect(response.body.totalRecords).toBe(0);
    const ping = await apiClient(merchant.api_key).get("/ping");
    expect(ping.status).toBe(200);
    expect(ping.body.data.merchant_id).toBe(merchant.merchant_id);
  });

  describe("keys", () => {
    let second: CreatedKey;

    beforeAll(async () => {
      const result = await runVaultCli(["key", "create", "--merchant", String(merchant.merchant_id), "--json"]);
      expect(result.code, result.stderr).toBe(0);
      second = lastJsonLine<CreatedKey>(result);
    });

    it("key create --json gives a second key that works at once, for the same merchant", async () => {
      expect(Number.isInteger(second.key_id)).toBe(true);
      expect(second.api_key).not.toBe(merchant.api_key);
      expect(second.api_key.startsWith(second.prefix)).toBe(true);
      const ping = await apiClient(second.api_key).get("/ping");
      expect(ping.status, JSON.stringify(ping.body)).toBe(200);
      expect(ping.body.data.merchant_id).toBe(merchant.merchant_id);
      // Both keys see the same merchant's data.
      const add = await apiClient(second.api_key).post("/vault/customer", { customer_id: "CliCustomer1", customer_first_name: "Cli" });
      expect(add.status, JSON.stringify(add.body)).toBe(200);
      expect((await apiClient(merchant.api_key).get("/vault/customer/CliCustomer1")).status).toBe(200);
    });

    it("key list --json shows both keys by prefix, never a full key", async () => {
      const result = await runVaultCli(["key", "list", "--merchant", String(merchant.merchant_id), "--json"]);
      expect(result.code, result.stderr).toBe(0);
      const keys = lastJsonLine<{ key_id: number; prefix: string; revoked: string | null }[]>(result);
      expect(keys).toHaveLength(2);
      expect(keys.map((k) => k.key_id)).toContain(second.key_id);
      for (const k of keys) {
        expect(k.prefix.length).toBeGreaterThan(3);
        expect(k.prefix.length).toBeLessThan(16);
        expect(k.revoked).toBeNull();
      }
      expect(keys.some((k) => merchant.api_key.startsWith(k.prefix))).toBe(true);
      expect(keys.some((k) => second.api_key.startsWith(k.prefix))).toBe(true);
      for (const output of [result.stdout, result.stderr]) {
        expect(output).not.toContain(merchant.api_key);
        expect(output).not.toContain(second.api_key);
        expect(output).not.toContain(merchant.signing_secret);
      }
      // The plain listing is just as discreet.
      const plain = await runVaultCli(["key", "list", "--merchant", String(merchant.merchant_id)]);
      expect(plain.code).toBe(0);
      expect(plain.stdout).not.toContain(merchant.api_key);
      expect(plain.stdout).not.toContain(second.api_key);
    });

    it("stores API keys only as their sha256 hex hash, and neither key nor signing secret in clear anywhere in the database", async () => {
      const rows = await getDb().apiKey.findMany({ where: { merchantId: BigInt(merchant.merchant_id) } });
      expect(rows).toHaveLength(2);
      const sha = (key: string) => createHash("sha256").update(key, "utf8").digest("hex");
      expect(rows.map((r) => r.hash).sort()).toEqual([sha(merchant.api_key), sha(second.api_key)].sort());
      for (const row of rows) {
        expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
        const text = JSON.stringify(row, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
        expect(text).not.toContain(merchant.api_key);
        expect(text).not.toContain(second.api_key);
      }
      const { text, sources } = await databaseSnapshot();
      // The scan reads the right data: the hashes are there...
      expect(text.includes(sha(second.api_key)), `hash in ${sources.join(", ")}`).toBe(true);
      // ...and the secrets (or the part after the display prefix) are not.
      for (const secret of [merchant.api_key, second.api_key, merchant.signing_secret]) {
        expect(text.includes(secret), sources.join(", ")).toBe(false);
        expect(text.includes(secret.slice(-24)), sources.join(", ")).toBe(false);
      }
    });

    it("key revoke refuses another merchant's key and leaves it working", async () => {
      const other = lastJsonLine<CreatedMerchant>(await runVaultCli(["merchant", "create", "--name", "CLI Other", "--json"]));
      const result = await runVaultCli(["key", "revoke", "--merchant", String(other.merchant_id), "--id", String(second.key_id)]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/not found/i);
      expect((await apiClient(second.api_key).get("/ping")).status).toBe(200);
    });

    it("key revoke --id N: that key gets 401 on the next request while the other still works", async () => {
      const result = await runVaultCli(["key", "revoke", "--merchant", String(merchant.merchant_id), "--id", String(second.key_id)]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/revoked/i);
      const refused = await apiClient(second.api_key).get("/vault/customer");
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe(2);
      const still = await apiClient(merchant.api_key).get("/vault/customer");
      expect(still.status).toBe(200);
      expect(still.body.totalRecords).toBe(1);

      const list = lastJsonLine<{ key_id: number; revoked: string | null }[]>(
        await runVaultCli(["key", "list", "--merchant", String(merchant.merchant_id), "--json"]),
      );
      expect(list.find((k) => k.key_id === second.key_id)?.revoked).not.toBeNull();
      expect(list.find((k) => k.key_id !== second.key_id)?.revoked).toBeNull();
    });
  });

  describe("bad usage exits with code 2 and says what is wrong", () => {
    it.each([
      ["merchant create without --name", ["merchant", "create", "--json"], /--name/],
      ["merchant create with an empty --name", ["merchant", "create", "--name", "", "--json"], /--name/],
      ["key create with a non-numeric --merchant", ["key", "create", "--merchant", "abc", "--json"], /--merchant/],
      ["key list with a non-numeric --merchant", ["key", "list", "--merchant", "12x"], /--merchant/],
      ["key list without --merchant", ["key", "list", "--json"], /--merchant/],
      ["key revoke with a non-numeric --id", ["key", "revoke", "--merchant", "210000000001", "--id", "abc"], /--id/],
      ["an unknown option", ["merchant", "create", "--name", "X", "--bogus"], /bogus/],
      ["an unknown subcommand", ["key", "explode"], /usage/i],
    ])("%s", async (_what, args, message) => {
      const result = await runVaultCli(args);
      expect(result.code, `stdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(message);
    });

    it("an unknown command exits with code 2 and prints the help", async () => {
      const result = await runVaultCli(["no-such-command"]);
      expect(result.code).toBe(2);
      expect(result.stdout).toMatch(/merchant create/);
    });

    it("bad usage creates nothing", async () => {
      const name = "   ";
      const result = await runVaultCli(["merchant", "create", "--name", name, "--json"]);
      expect(result.code).toBe(2);
      expect(await getDb().merchant.count({ where: { name } })).toBe(0);
    });
  });
});

/** A 1×1 PNG. */
const TINY_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

describe("merchant brand", () => {
  it("sets, shows and clears the hosted page's branding, and audits each change", async () => {
    const created = lastJsonLine<CreatedMerchant>(await runVaultCli(["merchant", "create", "--name", "Brand Co", "--json"]));
    const id = String(created.merchant_id);
    const logoFile = join(inject("dataDir"), "logo.png");
    writeFileSync(logoFile, TINY_PNG);
    const set = await runVaultCli(["merchant", "brand", "--merchant", id, "--name", "Brand & Co", "--logo", logoFile, "--color", "#1A2B3C", "--json"]);
    expect(set.code, set.stderr).toBe(0);
    expect(lastJsonLine(set)).toEqual({
      merchant_id: created.merchant_id,
      display_name: "Brand & Co",
      logo: `image/png, ${TINY_PNG.length} bytes`,
      primary_color: "#1a2b3c",
    });
    // The hosted page carries the image itself: its CSP loads no other origin's.
    const stored = await getDb().merchant.findUniqueOrThrow({ where: { id: BigInt(id) }, select: { brandLogoUrl: true } });
    expect(stored.brandLogoUrl).toBe(`data:image/png;base64,${TINY_PNG.toString("base64")}`);
    const cleared = await runVaultCli(["merchant", "brand", "--merchant", id, "--clear", "logo,name", "--json"]);
    expect(cleared.code, cleared.stderr).toBe(0);
    // Without a display name the merchant's own name shows.
    expect(lastJsonLine(cleared)).toMatchObject({ display_name: "Brand Co", logo: null, primary_color: "#1a2b3c" });
    const audits = await getDb().auditLog.count({ where: { merchantId: BigInt(id), action: "merchant.brand", actor: "cli" } });
    expect(audits).toBe(2);
  });

  it.each([
    [["--color", "red"], /--color/],
    [["--logo", "/no/such/logo.png"], /--logo: cannot read/],
    [["--logo", "package.json"], /--logo: must be a PNG, JPEG, GIF or WebP image/],
    [["--clear", "everything"], /--clear/],
  ])("refuses %j with a usage error, changing nothing", async (flags, message) => {
    const created = lastJsonLine<CreatedMerchant>(await runVaultCli(["merchant", "create", "--name", "Brand Bad", "--json"]));
    const result = await runVaultCli(["merchant", "brand", "--merchant", String(created.merchant_id), ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    const merchant = await getDb().merchant.findUniqueOrThrow({ where: { id: BigInt(created.merchant_id) } });
    expect([merchant.brandDisplayName, merchant.brandLogoUrl, merchant.brandPrimaryColor]).toEqual([null, null, null]);
  });
});

describe("merchant gateway", () => {
  it("sets an upstream gateway with its security key sealed, shows it without the key, moves the sandbox clock, and goes back to the sandbox", async () => {
    const created = lastJsonLine<CreatedMerchant>(await runVaultCli(["merchant", "create", "--name", "Gateway Co", "--json"]));
    const id = String(created.merchant_id);
    const shown = await runVaultCli(["merchant", "gateway", "--merchant", id, "--json"]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(lastJsonLine(shown)).toEqual({
      merchant_id: created.merchant_id,
      connector: "sandbox",
      upstream_url: null,
      upstream_merchant_id: null,
      security_key_set: false,
    });

    const key = "cli-security-key-0123";
    const flags = ["--upstream-url", "https://pg.example.com/pg", "--upstream-merchant-id", "212000000001", "--security-key", key];
    const set = await runVaultCli(["merchant", "gateway", "--merchant", id, ...flags, "--json"]);
    expect(set.code, set.stderr).toBe(0);
    expect(lastJsonLine(set)).toEqual({
      merchant_id: created.merchant_id,
      connector: "upstream",
      upstream_url: "https://pg.example.com/pg",
      upstream_merchant_id: "212000000001",
      security_key_set: true,
    });
    expect(set.stdout).not.toContain(key);
    expect((await databaseSnapshot()).text).not.toContain(key);

    const back = await runVaultCli(["merchant", "gateway", "--merchant", id, "--sandbox", "--advance-clock", "30", "--json"]);
    expect(back.code, back.stderr).toBe(0);
    expect(lastJsonLine(back)).toMatchObject({ connector: "sandbox", security_key_set: false });
    const row = await getDb().merchantGateway.findUniqueOrThrow({ where: { merchantId: BigInt(id) } });
    expect(row.clockOffsetSeconds).toBe(30 * 3600);
    const audits = await getDb().auditLog.count({
      where: { merchantId: BigInt(id), action: { in: ["merchant.gateway", "merchant.sandbox_clock"] }, actor: "cli" },
    });
    expect(audits).toBe(3);
  });

  it.each([
    [["--upstream-url", "https://pg.example.com"], /needs --upstream-url, --upstream-merchant-id and --security-key/],
    [["--upstream-url", "ftp://pg.example.com", "--upstream-merchant-id", "1", "--security-key", "long-enough-key"], /--upstream-url: must use https/],
    [["--sandbox", "--security-key", "long-enough-key"], /--sandbox takes no upstream flags/],
    [["--advance-clock", "0"], /--advance-clock: must be a whole number/],
  ])("refuses %j with a usage error, changing nothing", async (flags, message) => {
    const created = lastJsonLine<CreatedMerchant>(await runVaultCli(["merchant", "create", "--name", "Gateway Bad", "--json"]));
    const result = await runVaultCli(["merchant", "gateway", "--merchant", String(created.merchant_id), ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(await getDb().merchantGateway.findUnique({ where: { merchantId: BigInt(created.merchant_id) } })).toBeNull();
  });

  describe("merchant account-updater", () => {
    let merchant: CreatedMerchant;
    const merchantArgs = () => ["merchant", "account-updater", "--merchant", String(merchant.merchant_id)];

    beforeAll(async () => {
      merchant = lastJsonLine<CreatedMerchant>(await runVaultCli(["merchant", "create", "--name", "CLI Account Updater", "--json"]));
    });

    it("enrols with a harvest day, shows it, and the API then takes the merchant's requests", async () => {
      const enrol = await runVaultCli([...merchantArgs(), "--enrol", "--day", "5", "--json"]);
      expect(enrol.code, enrol.stderr).toBe(0);
      expect(lastJsonLine(enrol)).toEqual({ merchant_id: merchant.merchant_id, enrolled: true, harvest_day: 5 });
      const shown = await runVaultCli(merchantArgs());
      expect(shown.stdout).toContain("enrolled, harvested on day 5 of each month");
      const request = await apiClient(merchant.api_key).post("/aus/request/create", { card_id: ["0".repeat(32)] });
      expect(request.status, JSON.stringify(request.body)).toBe(200);
    });

    it("refuses a day outside 1 to 28 and changes nothing", async () => {
      const before = await getDb().accountUpdaterEnrolment.findUnique({ where: { merchantId: BigInt(merchant.merchant_id) } });
      for (const day of ["29", "0", "5x"]) {
        const refused = await runVaultCli([...merchantArgs(), "--enrol", "--day", day]);
        expect(refused.code).not.toBe(0);
        expect(refused.stderr).toContain("--day must be a day of the month from 1 to 28");
      }
      expect(await getDb().accountUpdaterEnrolment.findUnique({ where: { merchantId: BigInt(merchant.merchant_id) } })).toEqual(before);
    });

    it("unenrols: the API then refuses its requests with 403", async () => {
      const unenrol = await runVaultCli([...merchantArgs(), "--unenrol", "--json"]);
      expect(unenrol.code, unenrol.stderr).toBe(0);
      expect(lastJsonLine(unenrol)).toEqual({ merchant_id: merchant.merchant_id, enrolled: false, harvest_day: null });
      const request = await apiClient(merchant.api_key).post("/aus/request/create", { card_id: ["0".repeat(32)] });
      expect(request.status).toBe(403);
    });
  });
});
