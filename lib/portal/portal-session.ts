import "#server-only";
import { createHash, randomBytes } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import { ironPassword } from "../crypto/iron-password";
import { getDb } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { getEnv } from "../env";
import { recordAudit, type Actor } from "../audit/record-audit";

// The portal's sessions. The browser holds an iron-session cookie (sealed
// and authenticated with a key derived from the vault's fingerprint key) that
// carries a random token; the PortalSession row is found by the token's
// SHA-256. Keeping the session on the server is what lets sign-out, removing
// a user and the idle timeout end a session for real: a sealed cookie alone
// would stay valid until its own expiry, wherever it had been copied.

export const PORTAL_COOKIE = "vault_portal";
/** Re-authentication after 15 idle minutes: an unattended signed-in browser is an open door to card data (docs/decisions/008). */
export const IDLE_MS = 15 * 60 * 1000;
/** However active, a session ends after 12 hours. */
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often: a page with many requests needs one write. */
const TOUCH_EVERY_MS = 15 * 1000;

export type SessionStage = "second_factor" | "enrol" | "signed_in";

export type OpenSession = {
  id: string;
  stage: SessionStage;
  csrf: string;
  user: { id: number; merchantId: bigint; email: string; role: string; hasTotp: boolean };
  merchant: { id: bigint; name: string; requireTotp: boolean };
};

const cookiePassword = () => ironPassword("customer-vault portal session v1");

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Starts a session for a user who gave the right password; returns the sealed cookie value. */
export async function startPortalSession(options: {
  userId: number;
  merchantId: bigint;
  stage: SessionStage;
  clientAddress?: string | null;
  now?: Date;
}): Promise<string> {
  const now = options.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  await getDb().portalSession.create({
    data: {
      id: hashToken(token),
      userId: options.userId,
      merchantId: options.merchantId,
      stage: options.stage,
      csrf: randomBytes(24).toString("base64url"),
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ABSOLUTE_MS),
      clientAddress: options.clientAddress ?? null,
    },
  });
  return sealData({ t: token }, { password: cookiePassword(), ttl: ABSOLUTE_MS / 1000 });
}

/**
 * The session a cookie names: "none" without a valid one, "expired" when it
 * was idle 15 minutes or past its 12 hours (the row is deleted then, so the
 * cookie is dead for good), else the session with its user. A live session
 * is marked seen.
 */
export async function openPortalSession(sealed: string | undefined, now = new Date()): Promise<OpenSession | "none" | "expired"> {
  const token = await tokenOf(sealed);
  if (!token) return "none";
  const id = hashToken(token);
  const row = await getDb().portalSession.findUnique({
    where: { id },
    include: {
      user: {
        select: {
          id: true,
          merchantId: true,
          email: true,
          role: true,
          totpKekVersion: true,
          merchant: { select: { id: true, name: true, requireTotp: true } },
        },
      },
    },
  });
  if (!row) return "none";
  if (now.getTime() - row.lastSeenAt.getTime() > IDLE_MS || row.expiresAt <= now) {
    await getDb().portalSession.deleteMany({ where: { id } });
    return "expired";
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await getDb().portalSession.updateMany({ where: { id }, data: { lastSeenAt: now } });
  }
  // totpKekVersion is set with the sealed secret: it answers "enrolled?" without reading the secret each request.
  const { user } = row;
  return {
    id,
    stage: row.stage as SessionStage,
    csrf: row.csrf,
    user: { id: user.id, merchantId: user.merchantId, email: user.email, role: user.role, hasTotp: user.totpKekVersion !== null },
    merchant: user.merchant,
  };
}

async function tokenOf(sealed: string | undefined): Promise<string | null> {
  if (!sealed) return null;
  try {
    const data = await unsealData<{ t?: unknown }>(sealed, { password: cookiePassword(), ttl: ABSOLUTE_MS / 1000 });
    return typeof data.t === "string" ? data.t : null;
  } catch {
    return null;
  }
}

/** Moves a session to its next stage (the second factor accepted, enrolment done). */
export async function setSessionStage(id: string, stage: SessionStage): Promise<void> {
  await getDb().portalSession.updateMany({ where: { id }, data: { stage } });
}

/** Ends one session; a sign-out names who signed out, for the audit log. */
export async function endPortalSession(id: string, signedOut?: Actor): Promise<void> {
  await writeTransaction(async (tx) => {
    const { count } = await tx.portalSession.deleteMany({ where: { id } });
    if (count === 1 && signedOut) await recordAudit(tx, signedOut, "user.sign_out", { type: "user", id: signedOut.actor.replace(/^user:/, "") });
  });
}

/** The cookie's attributes: only the portal's path, never readable by script, never sent cross-site, Secure on https. */
export function portalCookieOptions() {
  return {
    name: PORTAL_COOKIE,
    path: "/portal",
    httpOnly: true,
    sameSite: "strict" as const,
    secure: getEnv().servedOverHttps,
    maxAge: ABSOLUTE_MS / 1000,
  };
}
