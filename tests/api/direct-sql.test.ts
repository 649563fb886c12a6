// The hot paths' direct SQL (lib/db/direct-sql.ts) against the real database:
// it must agree with Prisma on every column's type, be all-or-nothing, and
// take turns with Prisma's transactions instead of failing on SQLite's one
// write lock.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { directQuery, directWriteAtomically } from "@/lib/db/direct-sql";
import { isDriverUniqueViolation } from "@/lib/db/unique-violation";
import { Prisma } from "@/lib/db/sql";
import { futureExpiry, newMerchant, uniqueCustomerId, uniqueVisa } from "../support/fixtures";
import { expectStatus } from "../support/security-suite";

function insertCustomer(merchantId: number, customerId: string): Prisma.Sql {
  const now = new Date();
  return Prisma.sql`
    INSERT INTO "Customer" ("merchantId", "customerId", "firstName", "createdAt", "updatedAt")
    VALUES (${BigInt(merchantId)}, ${customerId}, ${"Direct"}, ${now}, ${now})`;
}

async function customerExists(merchantId: number, customerId: string): Promise<boolean> {
  return (await getDb().customer.count({ where: { merchantId: BigInt(merchantId), customerId } })) === 1;
}

describe("direct SQL on the hot paths", () => {
  it("reads every column type exactly as Prisma reads it", async () => {
    const m = await newMerchant("Direct Types");
    const customerId = uniqueCustomerId("T");
    const added = await m.api.post("/vault/customer", {
      customer_id: customerId,
      customer_first_name: "Typed",
      billing_cards: [{ card_number: uniqueVisa(), exp_date: futureExpiry(), billing_zip: "94402" }],
      shipping_addresses: [{ shipping_first_name: "Ship", shipping_last_name: "To", shipping_addr1: "1 Main St", shipping_zip: "94402" }],
    });
    expectStatus(added, 200, "add");
    // Between them these cover BigInt, Int, Boolean, DateTime, Bytes, text and NULLs.
    const merchantId = BigInt(m.merchantId);
    const ofMerchant = Prisma.sql`(SELECT "id" FROM "Customer" WHERE "merchantId" = ${merchantId})`;
    const queries = {
      Customer: Prisma.sql`SELECT * FROM "Customer" WHERE "merchantId" = ${merchantId}`,
      // Prisma 6.19 on PostgreSQL cannot read bytea through $queryRaw: the
      // sealed number (Bytes) is compared with the client API below.
      Card: Prisma.sql`SELECT "id", "merchantId", "customerPk", "fingerprint", "maskedNumber", "cardType", "expDate",
        "kekVersion", "zip", "addr2", "isPrimary", "createdAt", "updatedAt" FROM "Card" WHERE "customerPk" IN ${ofMerchant}`,
      ShippingAddress: Prisma.sql`SELECT * FROM "ShippingAddress" WHERE "customerPk" IN ${ofMerchant}`,
    };
    for (const [table, query] of Object.entries(queries)) {
      const viaPrisma = await getDb().$queryRaw<Record<string, unknown>[]>(query);
      expect(viaPrisma.length, table).toBeGreaterThan(0);
      expect(await directQuery(query), table).toEqual(viaPrisma);
    }
    const sealed = await directQuery<{ id: string; sealedNumber: Uint8Array }>(
      Prisma.sql`SELECT "id", "sealedNumber" FROM "Card" WHERE "merchantId" = ${merchantId}`,
    );
    const viaClient = await getDb().card.findMany({ where: { merchantId }, select: { id: true, sealedNumber: true } });
    expect(sealed).toEqual(viaClient);
    expect(sealed[0]?.sealedNumber).toBeInstanceOf(Uint8Array);
  });

  it("commits all of a write or none of it, and reports a duplicate as a unique violation", async () => {
    const m = await newMerchant("Direct Atomic");
    const first = uniqueCustomerId("A");
    const taken = uniqueCustomerId("B");
    await directWriteAtomically([insertCustomer(m.merchantId, taken)]);
    const failure = await directWriteAtomically([insertCustomer(m.merchantId, first), insertCustomer(m.merchantId, taken)]).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isDriverUniqueViolation(failure), String(failure)).toBe(true);
    expect(await customerExists(m.merchantId, first)).toBe(false);
    expect(await customerExists(m.merchantId, taken)).toBe(true);
  });

  it("waits for an open Prisma transaction instead of failing on the write lock", async () => {
    const m = await newMerchant("Direct Waits");
    const inPrisma = uniqueCustomerId("P");
    const direct = uniqueCustomerId("D");
    const order: string[] = [];
    let opened!: () => void;
    const transactionOpen = new Promise<void>((resolve) => (opened = resolve));
    const transaction = getDb().$transaction(async (tx) => {
      await tx.$executeRaw(insertCustomer(m.merchantId, inPrisma));
      opened();
      // Holds the transaction across real turns of the event loop, as a
      // transaction that awaits anything else would.
      await new Promise((resolve) => setTimeout(resolve, 300));
      order.push("prisma");
    });
    await transactionOpen;
    const started = Date.now();
    await directWriteAtomically([insertCustomer(m.merchantId, direct)]);
    order.push("direct");
    await transaction;
    // On SQLite the direct write waited its turn; on PostgreSQL it needn't.
    // Either way it neither failed nor sat out SQLite's 5 s busy timeout.
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await customerExists(m.merchantId, inPrisma)).toBe(true);
    expect(await customerExists(m.merchantId, direct)).toBe(true);
    if (process.env.DATABASE_URL?.startsWith("file:")) expect(order).toEqual(["prisma", "direct"]);
  });
});
