// GET /platform/embedded (transient keys) and the merchant's registered
// origins for the embedded card form.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { hashTransientKey, TRANSIENT_KEY_TTL_MS } from "@/lib/embedded/transient-key";
import { parseOrigin } from "@/lib/merchants/origins";
import { apiClient } from "../support/api-client";
import { newMerchant } from "../support/fixtures";
import { expectStatus, lastJsonLine, runVaultCli } from "../support/security-suite";

describe("GET /platform/embedded", () => {
  it("hands out a fresh single-use key each time, stored only as a hash, expiring in 30 minutes", async () => {
    const m = await newMerchant("Embedded Keys");
    const first = await m.api.get("/embedded");
    const second = await m.api.get("/embedded");
    expectStatus(first, 200, "first");
    const data = first.body.data;
    expect(data.transient_key).toMatch(/^[0-9a-f]{32}$/);
    expect(second.body.data.transient_key).not.toBe(data.transient_key);
    expect(data.merchant_id).toBe(m.merchantId);
    expect(Date.parse(data.expiry_time) - Date.parse(data.db_timestamp)).toBe(TRANSIENT_KEY_TTL_MS);

    const rows = await getDb().transientKey.findMany({ where: { merchantId: BigInt(m.merchantId) } });
    expect(rows.map((r) => r.hash).sort()).toEqual([hashTransientKey(data.transient_key), hashTransientKey(second.body.data.transient_key)].sort());
    expect(JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain(data.transient_key);
    expect(rows.every((r) => r.usedAt === null)).toBe(true);
  });

  it("takes compact=true or false (an extension), kept with the key; without it a key is not compact", async () => {
    const m = await newMerchant("Embedded Compact Keys");
    const compactOf = async (query: string) => {
      const r = await m.api.get(`/embedded${query}`);
      expectStatus(r, 200, query);
      // The answer says nothing of the look.
      expect(r.body.data).not.toHaveProperty("compact");
      return (await getDb().transientKey.findUniqueOrThrow({ where: { hash: hashTransientKey(r.body.data.transient_key) } })).compact;
    };
    expect(await compactOf("?compact=true")).toBe(true);
    expect(await compactOf("?compact=false")).toBe(false);
    expect(await compactOf("")).toBe(false);
    expect(await compactOf("?compact=true&amt_tran=5")).toBe(true);
  });

  it.each(["yes", "1", "TRUE", "", "true,false"])("refuses compact=%s with a 400 naming compact, and makes no key", async (value) => {
    const m = await newMerchant("Embedded Compact Bad");
    const r = await m.api.get(`/embedded?${new URLSearchParams({ compact: value })}`);
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.code).toBe(6);
    expect(r.body.data).toEqual({ compact: "must be true or false" });
    expect(await getDb().transientKey.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(0);
  });

  it("needs an API key", async () => {
    expect((await apiClient("cvk_wrong").get("/embedded")).status).toBe(401);
  });
});

describe("registered origins", () => {
  it.each([
    ["https://shop.example", "https://shop.example"],
    ["https://Shop.Example:8443/", "https://shop.example:8443"],
    ["http://localhost:5173", "http://localhost:5173"],
  ])("reads %s as the origin %s", (value, origin) => expect(parseOrigin(value)).toEqual({ origin }));

  it.each(["http://shop.example", "https://shop.example/pay", "https://shop.example/?a=1", "https://shop.example#x", "shop.example"])("refuses %s", (value) =>
    expect(parseOrigin(value)).toHaveProperty("problem"),
  );

  it("are added, listed and removed with the CLI, and audited", async () => {
    const m = await newMerchant("Embedded Origins");
    const id = String(m.merchantId);
    const added = await runVaultCli(["merchant", "origins", "--merchant", id, "--add", "https://shop.example,http://localhost:5173/", "--json"]);
    expect(added.code, added.stderr).toBe(0);
    expect(lastJsonLine(added)).toEqual({ merchant_id: m.merchantId, origins: ["https://shop.example", "http://localhost:5173"] });
    // Adding one again changes nothing.
    const again = await runVaultCli(["merchant", "origins", "--merchant", id, "--add", "https://shop.example", "--remove", "http://localhost:5173", "--json"]);
    expect(lastJsonLine(again)).toEqual({ merchant_id: m.merchantId, origins: ["https://shop.example"] });
    const refused = await runVaultCli(["merchant", "origins", "--merchant", id, "--add", "http://evil.example"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/https/);
    const actions = await getDb().auditLog.findMany({ where: { merchantId: BigInt(id), targetType: "origin" }, orderBy: { id: "asc" } });
    expect(actions.map((a) => `${a.action} ${a.targetId}`)).toEqual([
      "origin.add https://shop.example",
      "origin.add http://localhost:5173",
      "origin.remove http://localhost:5173",
    ]);
  });
});
