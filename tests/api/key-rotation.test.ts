// Online key rotation (README, Key management: key versions rotate online,
// re-wrapping with a command, without downtime): `keys rotate` interrupted and
// resumed against the running server, which keeps serving; every sealed card
// still opens to its number; a sealed blob is bound to its merchant and card.
//
// Rotation changes the key file of this project's whole server. It is online,
// so other files running meanwhile are unaffected; this file assumes only that
// no other file rotates keys.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { toDbBytes } from "@/lib/db/bytes";
import { openSealed } from "@/lib/crypto/open-sealed";
import { reloadKeyring } from "@/lib/crypto/get-keyring";
import { futureExpiry, uniqueCustomerId, uniqueVisa, masked, newMerchant, type TestMerchant } from "../support/fixtures";
import { expectStatus, lastJsonLine, runVaultCli } from "../support/security-suite";

type Status = { active_kek_version: number; sealed_by_version: Record<string, number> };
type Rotation = { active_kek_version: number; rewrapped: number; complete: boolean };

const cardAad = (merchantId: bigint | number, cardId: string) => `card:${merchantId}:${cardId}`;
const headerVersion = (sealed: Uint8Array) => Buffer.from(sealed).readUInt32BE(1);

async function keysStatus(): Promise<Status> {
  const result = await runVaultCli(["keys", "status", "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return lastJsonLine<Status>(result);
}

function keyFileVersions(): string[] {
  const doc = JSON.parse(readFileSync(inject("keysFile"), "utf8")) as { keks: Record<string, string> };
  return Object.keys(doc.keks).sort((a, b) => Number(a) - Number(b));
}

/**
 * Background API traffic while the rotation runs: each round adds a new card
 * and reads the customer back. Every status is kept; `stop` ends the loop.
 */
function startTraffic(m: TestMerchant, customerId: string, numbers: Map<string, string>) {
  const statuses: { what: string; status: number; code: unknown }[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const number = uniqueVisa();
      const add = await m.api.post(`/vault/customer/${customerId}/billing`, { card_number: number, exp_date: futureExpiry(), billing_zip: "1" });
      statuses.push({ what: "POST billing", status: add.status, code: add.body?.code });
      if (add.status === 200) {
        const card = add.body.data.billing_cards.find(
          (c: { card_number: string; card_id: string }) => !numbers.has(c.card_id) && c.card_number === masked(number),
        );
        if (card) numbers.set(card.card_id, number);
      }
      const read = await m.api.get(`/vault/customer/${customerId}`);
      statuses.push({ what: "GET customer", status: read.status, code: read.body?.code });
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    statuses,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

describe("online key rotation", () => {
  let m: TestMerchant;
  /** card_id → the number it was added with. */
  const numbers = new Map<string, string>();
  const customers: string[] = [];
  let before: Status;
  let limited: Rotation;
  let limitedStderr: string;
  let midway: Status;
  let resumed: Rotation;
  let resumedStderr: string;
  let after: Status;
  let traffic: ReturnType<typeof startTraffic>;
  let versionsMidway: string[];
  let cardAddedMidway: string;
  let midwayRowVersions: { column: number; header: number };

  beforeAll(async () => {
    m = await newMerchant("Rotation Merchant");
    for (let i = 0; i < 3; i++) {
      const id = uniqueCustomerId("R");
      const cards = [uniqueVisa(), uniqueVisa()];
      const add = await m.api.post("/vault/customer", {
        customer_id: id,
        customer_first_name: `Rot${i}`,
        billing_cards: cards.map((card_number) => ({ card_number, exp_date: futureExpiry(), billing_zip: "94402" })),
      });
      expectStatus(add, 200, "customer");
      add.body.data.billing_cards.forEach((c: { card_id: string }, index: number) => numbers.set(c.card_id, cards[index]!));
      customers.push(id);
    }
    before = await keysStatus();
    traffic = startTraffic(m, customers[0]!, numbers);

    const first = await runVaultCli(["keys", "rotate", "--limit", "1", "--json"]);
    expect(first.code, first.stderr).toBe(0);
    limited = lastJsonLine<Rotation>(first);
    limitedStderr = first.stderr;
    midway = await keysStatus();
    versionsMidway = keyFileVersions();

    // A card added now is sealed by the server under the new version.
    const number = uniqueVisa();
    const add = await m.api.post(`/vault/customer/${customers[1]}/billing`, { card_number: number, exp_date: futureExpiry(), billing_zip: "1" });
    expectStatus(add, 200, "card added midway");
    cardAddedMidway = add.body.data.billing_cards.find((c: { card_number: string }) => c.card_number === masked(number)).card_id;
    numbers.set(cardAddedMidway, number);
    const midwayRow = await getDb().card.findUniqueOrThrow({ where: { id: cardAddedMidway } });
    midwayRowVersions = { column: midwayRow.kekVersion, header: headerVersion(midwayRow.sealedNumber) };

    const second = await runVaultCli(["keys", "rotate", "--json"]);
    expect(second.code, second.stderr).toBe(0);
    resumed = lastJsonLine<Rotation>(second);
    resumedStderr = second.stderr;
    await traffic.stop();
    after = await keysStatus();
  }, 120_000);

  afterAll(async () => {
    await traffic?.stop();
  });

  it("starts with every sealed value on one version", () => {
    expect(Object.keys(before.sealed_by_version)).toEqual([String(before.active_kek_version)]);
    expect(before.sealed_by_version[String(before.active_kek_version)]).toBeGreaterThanOrEqual(6);
  });

  it("stops after one value with --limit 1: a new active version, complete: false", () => {
    expect(limited).toEqual({ active_kek_version: before.active_kek_version + 1, rewrapped: 1, complete: false });
    expect(limitedStderr).not.toMatch(/resum/i);
  });

  it("shows values on two versions while the rotation is unfinished", () => {
    const oldV = String(before.active_kek_version);
    const newV = String(before.active_kek_version + 1);
    expect(midway.active_kek_version).toBe(before.active_kek_version + 1);
    expect(midway.sealed_by_version[oldV]).toBeGreaterThan(0);
    expect(midway.sealed_by_version[newV]).toBeGreaterThanOrEqual(1);
    expect(versionsMidway).toEqual([oldV, newV]);
  });

  it("has the running server seal cards added mid-rotation under the new version at once", () => {
    // Read back right after the add, before the resumed rotation could re-wrap it.
    expect(midwayRowVersions).toEqual({ column: before.active_kek_version + 1, header: before.active_kek_version + 1 });
  });

  it("resumes with `keys rotate` (saying so) without making another version, and completes", () => {
    expect(resumedStderr).toMatch(new RegExp(`resum\\w* the rotation to KEK version ${before.active_kek_version + 1}`, "i"));
    expect(resumed.active_kek_version).toBe(before.active_kek_version + 1);
    expect(resumed.complete).toBe(true);
    expect(resumed.rewrapped).toBeGreaterThan(0);
    expect(keyFileVersions()).toEqual([String(before.active_kek_version), String(before.active_kek_version + 1)]);
  });

  it("ends with every sealed value on the new active version", () => {
    expect(after.active_kek_version).toBe(before.active_kek_version + 1);
    expect(Object.keys(after.sealed_by_version)).toEqual([String(after.active_kek_version)]);
  });

  it("kept serving throughout: every request during the rotation succeeded", () => {
    expect(traffic.statuses.length).toBeGreaterThanOrEqual(6);
    expect(traffic.statuses.filter((s) => s.status !== 200)).toEqual([]);
  });

  it("keeps serving after it: cards can be added and read as before", async () => {
    const number = uniqueVisa();
    const add = await m.api.post(`/vault/customer/${customers[2]}/billing`, { card_number: number, exp_date: futureExpiry(), billing_zip: "1" });
    expectStatus(add, 200, "card after rotation");
    const card = add.body.data.billing_cards.find((c: { card_number: string }) => c.card_number === masked(number));
    numbers.set(card.card_id, number);
    for (const id of customers) {
      const get = await m.api.get(`/vault/customer/${id}`);
      expectStatus(get, 200, "customer after rotation");
      for (const c of get.body.data.billing_cards) expect(c.card_number).toBe(masked(numbers.get(c.card_id)!));
    }
    const row = await getDb().card.findUniqueOrThrow({ where: { id: card.card_id } });
    expect(row.kekVersion).toBe(after.active_kek_version);
  });

  it("opens every card's sealed number to the number it was added with, on the new version", async () => {
    reloadKeyring();
    const rows = await getDb().card.findMany({ where: { merchantId: BigInt(m.merchantId) } });
    expect(rows.length).toBe(numbers.size);
    expect(rows.length).toBeGreaterThan(8);
    for (const row of rows) {
      expect(row.kekVersion).toBe(after.active_kek_version);
      expect(headerVersion(row.sealedNumber)).toBe(row.kekVersion);
      expect(openSealed(row.sealedNumber, cardAad(row.merchantId, row.id))).toBe(numbers.get(row.id));
    }
  });

  it("does not open a sealed number under another card's or another merchant's identity", async () => {
    reloadKeyring();
    const [x, y] = await getDb().card.findMany({ where: { merchantId: BigInt(m.merchantId) }, orderBy: { id: "asc" }, take: 2 });
    expect(x && y).toBeTruthy();
    expect(() => openSealed(x!.sealedNumber, cardAad(x!.merchantId, y!.id))).toThrow();
    expect(() => openSealed(x!.sealedNumber, cardAad(x!.merchantId + 1n, x!.id))).toThrow();
    const other = await newMerchant("Rotation Other");
    expect(() => openSealed(x!.sealedNumber, cardAad(other.merchantId, x!.id))).toThrow();
  });

  it("does not open a sealed blob copied onto another card row", async () => {
    reloadKeyring();
    const db = getDb();
    const [x, y] = await db.card.findMany({ where: { merchantId: BigInt(m.merchantId) }, orderBy: { id: "asc" }, take: 2 });
    const original = toDbBytes(y!.sealedNumber);
    try {
      await db.$transaction((tx) => tx.card.update({ where: { id: y!.id }, data: { sealedNumber: toDbBytes(x!.sealedNumber) } }));
      const copied = await db.card.findUniqueOrThrow({ where: { id: y!.id } });
      expect(Buffer.from(copied.sealedNumber).equals(Buffer.from(x!.sealedNumber))).toBe(true);
      expect(() => openSealed(copied.sealedNumber, cardAad(copied.merchantId, copied.id))).toThrow();
    } finally {
      await db.$transaction((tx) => tx.card.update({ where: { id: y!.id }, data: { sealedNumber: original } }));
    }
    const restored = await db.card.findUniqueOrThrow({ where: { id: y!.id } });
    expect(openSealed(restored.sealedNumber, cardAad(restored.merchantId, restored.id))).toBe(numbers.get(y!.id));
  });
});
