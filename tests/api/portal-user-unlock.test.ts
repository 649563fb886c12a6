// An owner unlocks a user over HTTP (POST /portal/api/users/{id}/unlock), as
// the Users page does: anyone who knows an email can lock that user for 30
// minutes by guessing, and the owner must not have to wait it out. The lock
// and both failure counts (passwords and second-factor codes) are cleared,
// with an audit row; only owners may do it, and only for their own users.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createUser } from "@/lib/users/create-user";
import { LOCKOUT_MS } from "@/lib/users/verify-sign-in";
import { newMerchant } from "../support/fixtures";
import { portalPost, postSignIn, signedInSession } from "../support/portal-client";

const PASSWORD = "a long enough passphrase";

async function userOf(merchantId: number, role: string) {
  const email = `${role}.${randomBytes(5).toString("hex")}@shop.example`;
  const user = await createUser({ merchantId: BigInt(merchantId), email, role, password: PASSWORD, actor: "test" });
  return { ...user, password: PASSWORD };
}

async function lock(userId: number) {
  await getDb().$transaction((tx) =>
    tx.user.update({ where: { id: userId }, data: { lockedUntil: new Date(Date.now() + LOCKOUT_MS), failedSignIns: 4, failedSecondFactors: 7 } }),
  );
}

const counts = (userId: number) =>
  getDb().user.findUniqueOrThrow({ where: { id: userId }, select: { lockedUntil: true, failedSignIns: true, failedSecondFactors: true } });

describe("POST /portal/api/users/{userId}/unlock", () => {
  it("an owner unlocks a locked user: lock and both counts cleared, an audit row, and the user signs in at once", async () => {
    const m = await newMerchant("Unlock");
    const owner = await userOf(m.merchantId, "owner");
    const staff = await userOf(m.merchantId, "staff");
    await lock(staff.userId);
    expect((await postSignIn(staff.email, PASSWORD)).status).toBe(401);

    const session = await signedInSession(owner);
    const answer = await portalPost(`/portal/api/users/${staff.userId}/unlock`, session);
    expect(answer.status, answer.body?.message).toBe(200);
    expect(answer.body.data).toEqual({ userId: staff.userId, email: staff.email, wasLocked: true });
    expect(await counts(staff.userId)).toEqual({ lockedUntil: null, failedSignIns: 0, failedSecondFactors: 0 });
    const audit = await getDb().auditLog.findMany({ where: { merchantId: BigInt(m.merchantId), action: "user.unlock" } });
    expect(audit.map((r) => ({ actor: r.actor, targetType: r.targetType, targetId: r.targetId }))).toEqual([
      { actor: `user:${owner.userId}`, targetType: "user", targetId: String(staff.userId) },
    ]);
    expect((await postSignIn(staff.email, PASSWORD)).status).toBe(200);

    // Unlocking a user with nothing to clear changes nothing and records nothing.
    const again = await portalPost(`/portal/api/users/${staff.userId}/unlock`, session);
    expect(again.body.data).toEqual({ userId: staff.userId, email: staff.email, wasLocked: false });
    expect(await getDb().auditLog.count({ where: { merchantId: BigInt(m.merchantId), action: "user.unlock" } })).toBe(1);
  });

  it.each(["admin", "staff", "viewer"])("refuses a %s (403) and changes nothing", async (role) => {
    const m = await newMerchant("Unlock refused");
    const caller = await userOf(m.merchantId, role);
    const locked = await userOf(m.merchantId, "staff");
    await lock(locked.userId);
    const answer = await portalPost(`/portal/api/users/${locked.userId}/unlock`, await signedInSession(caller));
    expect(answer.status).toBe(403);
    expect((await counts(locked.userId)).failedSecondFactors).toBe(7);
    expect(await getDb().auditLog.count({ where: { merchantId: BigInt(m.merchantId), action: "user.unlock" } })).toBe(0);
  });

  it("answers 404 for another merchant's user, 403 without the session's token, 401 without a session", async () => {
    const m = await newMerchant("Unlock owner");
    const owner = await userOf(m.merchantId, "owner");
    const theirs = await userOf((await newMerchant("Unlock other")).merchantId, "staff");
    await lock(theirs.userId);
    const session = await signedInSession(owner);
    expect((await portalPost(`/portal/api/users/${theirs.userId}/unlock`, session)).status).toBe(404);
    expect((await portalPost(`/portal/api/users/${theirs.userId}/unlock`, { cookie: session.cookie, csrf: "wrong" })).status).toBe(403);
    expect((await portalPost(`/portal/api/users/${theirs.userId}/unlock`, { csrf: session.csrf })).status).toBe(401);
    expect((await counts(theirs.userId)).failedSignIns).toBe(4);
  });
});
