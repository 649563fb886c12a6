// lib/throttle, the one rate-limit mechanism (decision 014), on the real
// database: counts made at once, in separate transactions, are all kept
// (the increment is the database's), so a limit lets through exactly its
// number however the requests race; and a count made in a transaction that
// rolls back is rolled back with it.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { addRatePoint, rateCount, rateLimitRetryAfter, returnRatePoint, takeRatePoint, type RateRule } from "@/lib/throttle/rate-limit";

const rule = (): RateRule => ({ name: `test-${randomBytes(4).toString("hex")}`, limit: 20, windowSeconds: 600 });

describe("rate limits in the database", () => {
  it("lets exactly the limit through when 40 takes race, and loses none of them", async () => {
    const r = rule();
    const results = await Promise.all(Array.from({ length: 40 }, () => getDb().$transaction((tx) => takeRatePoint(tx, r, "racer"))));
    expect(results.filter((x) => x.allowed)).toHaveLength(r.limit);
    expect(new Set(results.map((x) => x.points))).toEqual(new Set(Array.from({ length: 40 }, (_, i) => i + 1)));
    expect((await rateCount(getDb(), r, "racer")).points).toBe(40);
    expect(await rateLimitRetryAfter(getDb(), r, "racer")).toBeGreaterThan(r.windowSeconds - 60);
    // Another key under the same rule, and the same key under another rule, start from nothing.
    expect(await rateCount(getDb(), r, "someone else")).toEqual({ points: 0, windowEndsInSeconds: 0 });
    expect((await rateCount(getDb(), rule(), "racer")).points).toBe(0);
  });

  it("counts with the caller's transaction: a rollback takes the point back", async () => {
    const r = rule();
    await getDb().$transaction((tx) => addRatePoint(tx, r, "k"));
    await expect(
      getDb().$transaction(async (tx) => {
        await addRatePoint(tx, r, "k");
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await rateCount(getDb(), r, "k")).points).toBe(1);
    await getDb().$transaction((tx) => returnRatePoint(tx, r, "k"));
    expect((await rateCount(getDb(), r, "k")).points).toBe(0);
  });

  it("starts a new window once the old one is over", async () => {
    const r = rule();
    for (let i = 0; i < r.limit; i++) await getDb().$transaction((tx) => addRatePoint(tx, r, "k"));
    expect(await rateLimitRetryAfter(getDb(), r, "k")).toBeGreaterThan(0);
    await getDb().$transaction((tx) => tx.rateLimit.update({ where: { key: `${r.name}:k` }, data: { expire: new Date(Date.now() - 1000) } }));
    expect(await rateLimitRetryAfter(getDb(), r, "k")).toBe(0);
    const next = await getDb().$transaction((tx) => takeRatePoint(tx, r, "k"));
    expect(next).toMatchObject({ allowed: true, points: 1 });
    expect(next.windowEndsInSeconds).toBeGreaterThan(r.windowSeconds - 60);
  });
});
