// The Idempotency-Key's record commits in the request's own first write
// transaction (lib/idempotency/idempotent-request.ts, lib/db/first-write.ts),
// on the real database: the key is spent exactly when the effects are, a
// twin that loses the key writes nothing, and a request whose answer was
// never recorded is not run again.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { directWriteAtomically } from "@/lib/db/direct-sql";
import { FirstWriteRefused } from "@/lib/db/first-write";
import { Prisma } from "@/lib/db/sql";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { writeTransaction } from "@/lib/db/write-transaction";
import { ApiError } from "@/lib/errors/api-error";
import { answerOnce, type IdempotencyScope, type KeyedAnswer } from "@/lib/idempotency/idempotent-request";
import { newMerchant, uniqueCustomerId } from "../support/fixtures";

type WritePath = "writeTransaction" | "directWriteAtomically";

function insertCustomer(merchantId: bigint, customerId: string): Prisma.Sql {
  const now = new Date();
  return Prisma.sql`
    INSERT INTO "Customer" ("merchantId", "customerId", "firstName", "createdAt", "updatedAt")
    VALUES (${merchantId}, ${customerId}, ${"Keyed"}, ${now}, ${now})`;
}

/** The request's effect: one customer row, written by either write path. */
async function writeCustomer(path: WritePath, merchantId: bigint, customerId: string): Promise<void> {
  if (path === "directWriteAtomically") return directWriteAtomically([insertCustomer(merchantId, customerId)]);
  await writeTransaction((tx) => tx.$executeRaw(insertCustomer(merchantId, customerId)));
}

const customers = (merchantId: bigint, customerId: string) => getDb().customer.count({ where: { merchantId, customerId } });
const record = (scope: IdempotencyScope) => getDb().idempotencyRecord.findUnique({ where: { merchantId_method_path_key: scope } });

async function keyedScope(): Promise<IdempotencyScope> {
  const m = await newMerchant("Idempotency Atomic");
  return { merchantId: BigInt(m.merchantId), method: "POST", path: "/platform/test/keyed", key: `k-${randomBytes(8).toString("hex")}` };
}

/** A promise and the function that settles it, to hold a request at a chosen point. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const ok = (who: string): KeyedAnswer => ({ status: 200, body: { code: 0, message: "Success", data: { who } } });

async function conflictMessage(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).kind).toBe("idempotency_conflict");
  return (error as ApiError).message;
}

describe.each<WritePath>(["writeTransaction", "directWriteAtomically"])("Idempotency-Key records commit with the effects (%s)", (path) => {
  it("writes no record before the request's first write, 'applied' with it, and 'done' with the answer", async () => {
    const scope = await keyedScope();
    const customerId = uniqueCustomerId("A");
    const beforeWrite = gate();
    const afterWrite = gate();
    const seen: Record<string, unknown> = {};
    const request = answerOnce(scope, "hash-1", async () => {
      await beforeWrite.opened;
      seen.beforeWrite = await record(scope);
      await writeCustomer(path, scope.merchantId, customerId);
      seen.afterWrite = { state: (await record(scope))?.state, customers: await customers(scope.merchantId, customerId) };
      await afterWrite.opened;
      return ok("first");
    });
    beforeWrite.open();
    afterWrite.open();
    const { answer, replayed } = await request;
    expect(seen.beforeWrite).toBeNull();
    expect(seen.afterWrite).toEqual({ state: "applied", customers: 1 });
    expect(replayed).toBe(false);
    expect(answer).toEqual(ok("first"));
    const done = await record(scope);
    expect(done?.state).toBe("done");
    expect(done?.responseStatus).toBe(200);
    expect(JSON.parse(done?.responseBody ?? "null")).toEqual(ok("first").body);
  });

  it("leaves the key free when the request's write rolls back: the retry runs", async () => {
    const scope = await keyedScope();
    const customerId = uniqueCustomerId("R");
    const failed = await answerOnce(scope, "hash-1", async () => {
      // The same row twice: the transaction fails on its second statement and nothing of it stays.
      if (path === "directWriteAtomically") {
        await directWriteAtomically([insertCustomer(scope.merchantId, customerId), insertCustomer(scope.merchantId, customerId)]).catch(() => {});
      } else {
        await writeTransaction(async (tx) => {
          await tx.$executeRaw(insertCustomer(scope.merchantId, customerId));
          throw new Error("the handler failed after its insert");
        }).catch(() => {});
      }
      return { status: 500, body: { code: 99, message: "failed" } };
    });
    expect(failed.answer.status).toBe(500);
    expect(await record(scope)).toBeNull();
    expect(await customers(scope.merchantId, customerId)).toBe(0);

    const retry = await answerOnce(scope, "hash-1", async () => {
      await writeCustomer(path, scope.merchantId, customerId);
      return ok("retry");
    });
    expect(retry).toEqual({ answer: ok("retry"), replayed: false });
    expect(await customers(scope.merchantId, customerId)).toBe(1);
  });

  it("makes the twin whose claim is refused write nothing, and answers it with the first request's answer", async () => {
    const scope = await keyedScope();
    const firstCustomer = uniqueCustomerId("F");
    const twinCustomer = uniqueCustomerId("T");
    const twinLookedUp = gate();
    const twinMayWrite = gate();
    let twinAfterRefusal = "not reached";
    // Both look the key up before either has written, so both run.
    const twin = answerOnce(scope, "hash-1", async () => {
      twinLookedUp.open();
      await twinMayWrite.opened;
      await writeCustomer(path, scope.merchantId, twinCustomer).catch((error: unknown) => {
        twinAfterRefusal = error instanceof FirstWriteRefused ? "refused" : String(error);
        throw error;
      });
      return ok("twin");
    });
    await twinLookedUp.opened;
    const first = await answerOnce(scope, "hash-1", async () => {
      await writeCustomer(path, scope.merchantId, firstCustomer);
      return ok("first");
    });
    twinMayWrite.open();
    const second = await twin;

    expect(first).toEqual({ answer: ok("first"), replayed: false });
    expect(twinAfterRefusal).toBe("refused");
    expect(second).toEqual({ answer: ok("first"), replayed: true });
    expect(await customers(scope.merchantId, firstCustomer)).toBe(1);
    expect(await customers(scope.merchantId, twinCustomer)).toBe(0);
  });

  it("keeps the key spent when the request fails after its effects committed, and never runs it again", async () => {
    const scope = await keyedScope();
    const customerId = uniqueCustomerId("S");
    // As if the process stopped between the commit and the answer: the effects are in, the answer is not.
    const stopped = await answerOnce(scope, "hash-1", async () => {
      await writeCustomer(path, scope.merchantId, customerId);
      return { status: 500, body: { code: 99, message: "failed after the commit" } };
    });
    expect(stopped.answer.status).toBe(500);
    expect((await record(scope))?.state).toBe("applied");

    let ranAgain = false;
    const retry = () =>
      answerOnce(scope, "hash-1", async () => {
        ranAgain = true;
        await writeCustomer(path, scope.merchantId, customerId);
        return ok("again");
      });
    expect(await conflictMessage(retry())).toMatch(/still being processed/);
    // Past the grace an answer needs to be written, the 409 says what happened.
    await getDb().idempotencyRecord.update({ where: { merchantId_method_path_key: scope }, data: { createdAt: new Date(Date.now() - 60_000) } });
    expect(await conflictMessage(retry())).toMatch(/carried out, but its answer was not recorded/);
    expect(ranAgain).toBe(false);
    expect(await customers(scope.merchantId, customerId)).toBe(1);
  });

  it("frees the key when the answer is a 429, even after a write (a limit's counter)", async () => {
    const scope = await keyedScope();
    const counted = uniqueCustomerId("L");
    const limited = await answerOnce(scope, "hash-1", async () => {
      await writeCustomer(path, scope.merchantId, counted);
      return { status: 429, body: { code: 11, message: "Too many requests" } };
    });
    expect(limited.answer.status).toBe(429);
    expect(await record(scope)).toBeNull();
    const retry = await answerOnce(scope, "hash-1", async () => ok("after the window"));
    expect(retry).toEqual({ answer: ok("after the window"), replayed: false });
  });

  it("leaves the request's own unique violation its own: only the claim's is a refusal", async () => {
    const scope = await keyedScope();
    const taken = uniqueCustomerId("U");
    await writeCustomer(path, scope.merchantId, taken);
    let seen: unknown = null;
    const answered = await answerOnce(scope, "hash-1", async () => {
      seen = await writeCustomer(path, scope.merchantId, taken).catch((error: unknown) => error);
      return { status: 409, body: { code: 8, message: "exists" } };
    });
    expect(isUniqueViolation(seen)).toBe(true);
    expect(seen).not.toBeInstanceOf(FirstWriteRefused);
    // Nothing committed with the claim, so the refusal is recorded on its own, and replayed.
    expect(answered).toEqual({ answer: { status: 409, body: { code: 8, message: "exists" } }, replayed: false });
    const replay = await answerOnce(scope, "hash-1", async () => ok("never"));
    expect(replay).toEqual({ answer: { status: 409, body: { code: 8, message: "exists" } }, replayed: true });
  });
});
