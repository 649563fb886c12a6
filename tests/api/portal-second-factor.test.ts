// The second-factor lockout over HTTP. Wrong codes once shared the password
// count, which a right password sets back to 0: whoever knew the password
// could sign in again after every 9 guesses and guess codes without end.
// Wrong codes (app or recovery) now have a count of their own that only a
// right code resets, and 10 of them lock the user for 30 minutes.
import { randomBytes } from "node:crypto";
import { generate } from "otplib";
import { describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { SIGN_IN_REFUSED } from "@/lib/portal/sign-in";
import { createUser } from "@/lib/users/create-user";
import { beginTotpEnrolment, confirmTotpEnrolment } from "@/lib/users/totp-enrolment";
import { newMerchant } from "../support/fixtures";

const PASSWORD = "a long enough passphrase";
const url = (path: string) => `${inject("baseUrl")}${path}`;

type Session = { cookie: string; csrf: string };
type Enrolled = { userId: number; email: string; secret: string; recoveryCodes: string[] };

function post(path: string, options: { csrf: string; cookie?: string; body: unknown }): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json", "x-vault-csrf": options.csrf };
  if (options.cookie) headers.cookie = options.cookie;
  return fetch(url(path), { method: "POST", headers, body: JSON.stringify(options.body) });
}

/** An admin with an authenticator app enrolled, as the enrolment page does it. */
async function enrolledUser(): Promise<Enrolled> {
  const m = await newMerchant("Second-factor lockout");
  const merchantId = BigInt(m.merchantId);
  const email = `totp.${randomBytes(5).toString("hex")}@shop.example`;
  const user = await createUser({ merchantId, email, role: "admin", password: PASSWORD, actor: "test" });
  const enrolment = await beginTotpEnrolment({ id: user.userId, email: user.email });
  const code = await generate({ secret: enrolment.secret, epoch: Math.floor(Date.now() / 1000) });
  const { recoveryCodes } = await confirmTotpEnrolment({
    actor: { merchantId, actor: `user:${user.userId}` },
    userId: user.userId,
    pending: enrolment.pending,
    code,
  });
  return { userId: user.userId, email: user.email, secret: enrolment.secret, recoveryCodes };
}

/** The password step; the session it starts waits for a code. */
async function signIn(user: Enrolled): Promise<Session> {
  const before = new Set((await getDb().portalSession.findMany({ where: { userId: user.userId }, select: { id: true } })).map((s) => s.id));
  const response = await post("/portal/session", { csrf: "sign-in", body: { email: user.email, password: PASSWORD } });
  expect(response.status).toBe(200);
  expect((await response.json()).data).toEqual({ next: "/portal/sign-in/second-factor" });
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0]!;
  const sessions = await getDb().portalSession.findMany({ where: { userId: user.userId } });
  const started = sessions.filter((s) => !before.has(s.id));
  expect(started).toHaveLength(1);
  return { cookie, csrf: started[0]!.csrf };
}

function sendCode(session: Session, code: string): Promise<Response> {
  return post("/portal/session/second-factor", { ...session, body: { code } });
}

/** A six-digit code the app does not show in the steps around now. */
async function wrongCode(secret: string): Promise<string> {
  const now = Date.now();
  const near = await Promise.all([-60_000, -30_000, 0, 30_000, 60_000].map((d) => generate({ secret, epoch: Math.floor((now + d) / 1000) })));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, "0");
    if (!near.includes(code)) return code;
  }
}

/** The next step's code: the enrolment spent the current one, and one step ahead is still accepted. */
const rightCode = (secret: string) => generate({ secret, epoch: Math.floor((Date.now() + 30_000) / 1000) });

const wrongRecoveryCode = () => `${randomBytes(3).toString("hex").slice(0, 5)}-${randomBytes(3).toString("hex").slice(0, 5)}`;

async function expectRefused(response: Response): Promise<void> {
  expect(response.status).toBe(400);
  expect((await response.json()).message).not.toMatch(/locked/);
}

async function expectLocked(response: Response): Promise<void> {
  expect(response.status).toBe(401);
  expect((await response.json()).message).toMatch(/locked for 30 minutes/);
}

describe("POST /portal/session/second-factor: the lockout", () => {
  it("counts wrong codes across password sign-ins: 9 wrong, the right password again, 1 more wrong locks, and then the right code is refused", async () => {
    const user = await enrolledUser();
    const first = await signIn(user);
    for (let i = 0; i < 9; i++) await expectRefused(await sendCode(first, await wrongCode(user.secret)));

    // The right password does not buy more guesses.
    const second = await signIn(user);
    const third = await signIn(user);
    await expectLocked(await sendCode(second, await wrongCode(user.secret)));
    const row = await getDb().user.findUniqueOrThrow({ where: { id: user.userId } });
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);

    // Locked: a session that passed the password step before the lock cannot
    // finish with the right code, and the password step refuses too, with
    // the answer it gives every refusal (it does not say "locked").
    await expectLocked(await sendCode(third, await rightCode(user.secret)));
    const again = await post("/portal/session", { csrf: "sign-in", body: { email: user.email, password: PASSWORD } });
    expect(again.status).toBe(401);
    expect((await again.json()).message).toBe(SIGN_IN_REFUSED);
    expect(await getDb().auditLog.count({ where: { action: "user.lock", targetId: String(user.userId) } })).toBe(1);
  });

  it("counts wrong recovery codes like wrong app codes", async () => {
    const user = await enrolledUser();
    const first = await signIn(user);
    for (let i = 0; i < 5; i++) await expectRefused(await sendCode(first, await wrongCode(user.secret)));
    const second = await signIn(user);
    for (let i = 0; i < 4; i++) await expectRefused(await sendCode(second, wrongRecoveryCode()));
    const third = await signIn(user);
    const fourth = await signIn(user);
    await expectLocked(await sendCode(third, wrongRecoveryCode()));
    // The user's real recovery code does not get past the lock either.
    await expectLocked(await sendCode(fourth, user.recoveryCodes[0]!));
  });

  it("a right code (or recovery code) sets the count back to 0", async () => {
    const user = await enrolledUser();
    const first = await signIn(user);
    for (let i = 0; i < 9; i++) await expectRefused(await sendCode(first, await wrongCode(user.secret)));
    const ok = await sendCode(first, user.recoveryCodes[0]!);
    expect(ok.status).toBe(200);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.userId } })).failedSecondFactors).toBe(0);

    const second = await signIn(user);
    for (let i = 0; i < 9; i++) await expectRefused(await sendCode(second, await wrongCode(user.secret)));
    expect((await sendCode(second, await rightCode(user.secret))).status).toBe(200);
    const row = await getDb().user.findUniqueOrThrow({ where: { id: user.userId } });
    expect(row).toMatchObject({ failedSecondFactors: 0, lockedUntil: null });
  });
});
