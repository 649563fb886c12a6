// The portal's JSON routes over HTTP, as its pages call them, from a chosen
// loopback address: the vault counts sign-in attempts per client address, so
// a test that makes failed sign-ins uses an address of its own and throttles
// no other test.
import { request } from "node:http";
import { inject } from "vitest";
import { getDb } from "@/lib/db/client";
import { SIGN_IN_CSRF } from "@/lib/portal/sign-in-csrf";

export type PortalAnswer = { status: number; body: { code: number; message: string; data?: any }; headers: Record<string, string | string[] | undefined> };
export type PortalSession = { cookie: string; csrf: string };

/** A fresh address in 127.0.0.0/8 (the whole range reaches the server on loopback). */
export function loopbackAddress(): string {
  const octet = () => Math.floor(Math.random() * 254) + 1;
  return `127.${octet()}.${octet()}.${octet()}`;
}

/** Sends JSON to a portal route from `from`, with the x-vault-csrf token and the session cookie if given. */
export function portalPost(
  path: string,
  options: { csrf: string; cookie?: string; body?: unknown; from?: string; baseUrl?: string; method?: string },
): Promise<PortalAnswer> {
  const base = new URL(options.baseUrl ?? inject("baseUrl"));
  const payload = JSON.stringify(options.body ?? {});
  const headers: Record<string, string> = { "content-type": "application/json", "x-vault-csrf": options.csrf, origin: base.origin };
  if (options.cookie) headers.cookie = options.cookie;
  return new Promise((resolve, reject) => {
    const req = request(
      { host: base.hostname, port: base.port, path, method: options.method ?? "POST", headers, localAddress: options.from ?? "127.0.0.1" },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => {
          let body: PortalAnswer["body"];
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            body = { code: -1, message: text.slice(0, 200) }; // not the envelope (a page's 404): kept for the assertion's message
          }
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** The password step of signing in (POST /portal/session) from `from`. */
export function postSignIn(email: string, password: string, options: { from?: string; baseUrl?: string } = {}): Promise<PortalAnswer> {
  return portalPost("/portal/session", { csrf: SIGN_IN_CSRF, body: { email, password }, ...options });
}

/** Signs a user without a second factor in, and answers the session's cookie and CSRF token. */
export async function signedInSession(user: { userId: number; email: string; password: string }): Promise<PortalSession> {
  const before = new Set((await getDb().portalSession.findMany({ where: { userId: user.userId }, select: { id: true } })).map((s) => s.id));
  const answer = await postSignIn(user.email, user.password);
  if (answer.status !== 200) throw new Error(`sign-in of ${user.email} answered ${answer.status}: ${answer.body?.message}`);
  const setCookie = answer.headers["set-cookie"];
  const cookie = String((Array.isArray(setCookie) ? setCookie[0] : setCookie) ?? "").split(";")[0]!;
  const started = (await getDb().portalSession.findMany({ where: { userId: user.userId } })).filter((s) => !before.has(s.id));
  if (started.length !== 1) throw new Error(`expected one new session for ${user.email}, found ${started.length}`);
  return { cookie, csrf: started[0]!.csrf };
}
