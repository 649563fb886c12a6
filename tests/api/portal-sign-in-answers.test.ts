// The portal's password step, as an outside review probed it: a locked
// account answered "locked" where an unknown email never did, and answered
// in a few milliseconds where every other refusal took a scrypt hash; and
// one address could guess at every account (locking each owner out in
// turn) without limit. Now every refusal is the same 401 in the same words,
// every path runs the hash, and each client address has 20 failed attempts
// per 15 minutes, counted in the database so that every server process
// sees them.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { SIGN_IN_REFUSED } from "@/lib/portal/sign-in";
import { SIGN_IN_ADDRESS_LIMIT } from "@/lib/users/sign-in-address-limit";
import { createUser } from "@/lib/users/create-user";
import { verifyPassword } from "@/lib/users/password";
import { LOCKOUT_MS, MAX_FAILED_SIGN_INS, verifySignIn } from "@/lib/users/verify-sign-in";
import { newMerchant } from "../support/fixtures";
import { loopbackAddress, postSignIn, type PortalAnswer } from "../support/portal-client";
import { startServer, type RunningServer } from "../support/server";

const PASSWORD = "a long enough passphrase";

async function newUser(role = "staff") {
  const m = await newMerchant("Sign-in answers");
  const email = `signin.${randomBytes(5).toString("hex")}@shop.example`;
  const user = await createUser({ merchantId: BigInt(m.merchantId), email, role, password: PASSWORD, actor: "test" });
  return { ...user, password: PASSWORD };
}

function refusal(answer: PortalAnswer) {
  return { status: answer.status, code: answer.body.code, message: answer.body.message };
}

describe("POST /portal/session: every refusal alike", () => {
  it("answers an unknown email, a wrong password, the attempt that locks and a locked account's right password with the same 401 and words", async () => {
    const from = loopbackAddress();
    const user = await newUser();
    const other = await newUser();
    const answers: Record<string, PortalAnswer> = {};
    for (let i = 1; i < MAX_FAILED_SIGN_INS; i++) expect((await postSignIn(user.email, `wrong password ${i}`, { from })).status).toBe(401);
    answers.locking = await postSignIn(user.email, "wrong password 10", { from });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.userId } })).lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    answers.lockedRightPassword = await postSignIn(user.email, PASSWORD, { from });
    answers.lockedWrongPassword = await postSignIn(user.email, "wrong password 11", { from });
    answers.unknownEmail = await postSignIn(`nobody.${randomBytes(5).toString("hex")}@shop.example`, PASSWORD, { from });
    answers.wrongPassword = await postSignIn(other.email, "wrong password", { from });

    const expected = { status: 401, code: 2, message: SIGN_IN_REFUSED };
    for (const [what, answer] of Object.entries(answers)) expect(refusal(answer), what).toEqual(expected);
    // The lock itself holds and did not grow: one lock row, and the right password still opens nothing.
    expect(await getDb().auditLog.count({ where: { action: "user.lock", targetId: String(user.userId) } })).toBe(1);
  });

  it("runs the password hash for a locked account and an unknown email: neither answers sooner than a scrypt verification", async () => {
    const user = await newUser();
    const stored = (await getDb().user.findUniqueOrThrow({ where: { id: user.userId } })).passwordHash;
    await getDb().$transaction((tx) => tx.user.update({ where: { id: user.userId }, data: { lockedUntil: new Date(Date.now() + LOCKOUT_MS) } }));
    await verifySignIn(`warm.${randomBytes(4).toString("hex")}@shop.example`, PASSWORD); // makes this process's decoy hash

    // The fastest of a few verifications: what one costs on this machine when it is least busy.
    let hashMs = Infinity;
    for (let i = 0; i < 3; i++) hashMs = Math.min(hashMs, await timed(() => verifyPassword("some other password", stored)));
    expect(hashMs).toBeGreaterThan(20); // scrypt N=2^15; a locked account once answered in under 20 ms

    for (const [what, attempt] of [
      ["locked, right password", () => verifySignIn(user.email, PASSWORD)],
      ["locked, wrong password", () => verifySignIn(user.email, "wrong password")],
      ["unknown email", () => verifySignIn(`nobody.${randomBytes(4).toString("hex")}@shop.example`, PASSWORD)],
    ] as const) {
      const ms = await timed(attempt);
      // Half a verification as the floor: a busy machine only makes these slower, never faster.
      expect(ms, what).toBeGreaterThanOrEqual(hashMs / 2);
    }
    expect((await verifySignIn(user.email, PASSWORD)).ok).toBe(false);
  });
});

describe("POST /portal/session: the per-address limit", () => {
  let second: RunningServer;

  beforeAll(async () => {
    // A second server process on the same database, as when several run behind a load balancer.
    const dir = mkdtempSync(join(tmpdir(), "vault-second-server-"));
    const env = { DATABASE_URL: inject("databaseUrl"), VAULT_KEYS_FILE: inject("keysFile"), PUBLIC_BASE_URL: "http://localhost:3999", LOG_LEVEL: "info" };
    second = await startServer(env, join(dir, "server.log"));
  });
  afterAll(async () => second?.stop());

  it(`refuses an address with 429 after ${SIGN_IN_ADDRESS_LIMIT.limit} failures, counted across two server processes, and no other address`, async () => {
    const from = loopbackAddress();
    const user = await newUser();
    const half = SIGN_IN_ADDRESS_LIMIT.limit / 2;
    // Unknown emails: they lock nobody, so only the address limit can refuse.
    const unknown = () => `nobody.${randomBytes(5).toString("hex")}@shop.example`;
    for (let i = 0; i < half; i++) expect((await postSignIn(unknown(), PASSWORD, { from })).status).toBe(401);
    for (let i = 0; i < half; i++) expect((await postSignIn(unknown(), PASSWORD, { from, baseUrl: second.baseUrl })).status).toBe(401);

    // Over the limit on either server, even with the right password.
    for (const baseUrl of [inject("baseUrl"), second.baseUrl]) {
      const refused = await postSignIn(user.email, PASSWORD, { from, baseUrl });
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe(13);
      expect(refused.body.message).toMatch(/^Too many failed sign-ins from your network address\. Try again in \d+ minutes?\.$/);
      const retryAfter = Number(refused.headers["retry-after"]);
      expect(retryAfter).toBeGreaterThan(SIGN_IN_ADDRESS_LIMIT.windowSeconds - 120);
      expect(retryAfter).toBeLessThanOrEqual(SIGN_IN_ADDRESS_LIMIT.windowSeconds);
      expect(refused.headers["set-cookie"]).toBeUndefined();
    }
    // Refused attempts look at no password: the user's own count is untouched.
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.userId } })).failedSignIns).toBe(0);

    // Another address signs in.
    expect((await postSignIn(user.email, PASSWORD, { from: loopbackAddress() })).status).toBe(200);

    // When the window is over, the address may try again.
    const key = `${SIGN_IN_ADDRESS_LIMIT.name}:${from}`;
    await getDb().$transaction((tx) => tx.rateLimit.update({ where: { key }, data: { expire: new Date(Date.now() - 1000) } }));
    expect((await postSignIn(user.email, PASSWORD, { from, baseUrl: second.baseUrl })).status).toBe(200);
  });

  it("counts failures only: a successful sign-in gives its attempt back", async () => {
    const from = loopbackAddress();
    const user = await newUser();
    for (let i = 0; i < SIGN_IN_ADDRESS_LIMIT.limit - 1; i++) {
      expect((await postSignIn(`nobody.${randomBytes(5).toString("hex")}@shop.example`, PASSWORD, { from })).status).toBe(401);
    }
    for (let i = 0; i < 3; i++) expect((await postSignIn(user.email, PASSWORD, { from })).status).toBe(200);
    expect((await postSignIn(user.email, "wrong password", { from })).status).toBe(401);
    expect((await postSignIn(user.email, PASSWORD, { from })).status).toBe(429);
  });
});

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}
