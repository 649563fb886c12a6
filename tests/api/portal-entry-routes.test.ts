// The portal's doors over HTTP: signing in, accepting an invitation, signing
// out and the audit export go through the same request pipeline as every
// route, so each answers in the envelope with a request id. Sign-out once
// answered a hand-written {code: 3} and compared its token with !==.
import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createUser } from "@/lib/users/create-user";
import { newMerchant } from "../support/fixtures";

const PASSWORD = "a long enough passphrase";
const url = (path: string) => `${inject("baseUrl")}${path}`;
const REQUEST_ID = /^[0-9a-f-]{36}$/;

function post(path: string, options: { csrf?: string; cookie?: string; body?: unknown } = {}): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.csrf !== undefined) headers["x-vault-csrf"] = options.csrf;
  if (options.cookie) headers.cookie = options.cookie;
  return fetch(url(path), { method: "POST", headers, body: JSON.stringify(options.body ?? {}) });
}

async function signedIn(): Promise<{ userId: number; cookie: string; csrf: string }> {
  const m = await newMerchant("Portal doors");
  const user = await createUser({
    merchantId: BigInt(m.merchantId),
    email: `door.${randomBytes(5).toString("hex")}@shop.example`,
    role: "admin",
    password: PASSWORD,
    actor: "test",
  });
  const response = await post("/portal/session", { csrf: "sign-in", body: { email: user.email, password: PASSWORD } });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ code: 0, message: "Success", data: { next: "/portal/customers" } });
  expect(response.headers.get("x-request-id")).toMatch(REQUEST_ID);
  const setCookie = response.headers.get("set-cookie") ?? "";
  expect(setCookie).toMatch(/^vault_portal=[^;]+;/);
  expect(setCookie).toMatch(/HttpOnly/i);
  const session = await getDb().portalSession.findFirstOrThrow({ where: { userId: user.userId } });
  return { userId: user.userId, cookie: setCookie.split(";")[0]!, csrf: session.csrf };
}

describe("POST /portal/session (sign-in)", () => {
  it.each([
    ["no token", undefined],
    ["another token", "sign-inx"],
  ])("refuses %s in x-vault-csrf with the envelope's 403", async (_, csrf) => {
    const response = await post("/portal/session", { csrf, body: { email: "a@b.example", password: PASSWORD } });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ code: 3, message: "Sign in from the portal's sign-in page." });
    expect(response.headers.get("x-request-id")).toMatch(REQUEST_ID);
  });

  it("lists each bad field in a 400, and refuses a form post with 415", async () => {
    const invalid = await post("/portal/session", { csrf: "sign-in", body: { email: "" } });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ code: 6, message: "Please correct the highlighted fields.", data: { password: expect.any(String) } });
    const form = await fetch(url("/portal/session"), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-vault-csrf": "sign-in" },
      body: "email=a",
    });
    expect(form.status).toBe(415);
    expect(await form.json()).toMatchObject({ code: 11 });
  });
});

describe("POST /portal/session/invite", () => {
  it("refuses a request without the sign-in token with the envelope's 403", async () => {
    const response = await post("/portal/session/invite", { body: { token: "x", password: PASSWORD } });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ code: 3, message: "Accept the invitation from its own page." });
  });
});

describe("POST /portal/session/sign-out", () => {
  it("refuses a live session's sign-out without its token, in the envelope, and the session lives on", async () => {
    const { cookie, csrf } = await signedIn();
    for (const wrong of [undefined, `${csrf}x`, csrf.slice(1)]) {
      const response = await post("/portal/session/sign-out", { cookie, csrf: wrong });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: 3 });
      expect(response.headers.get("x-request-id")).toMatch(REQUEST_ID);
    }
    const still = await fetch(url("/portal/audit/export"), { headers: { cookie } });
    expect(still.status).toBe(200);
    await still.body?.cancel();
  });

  it("ends the session with its token, records who and which request, and clears the cookie", async () => {
    const { userId, cookie, csrf } = await signedIn();
    const response = await post("/portal/session/sign-out", { cookie, csrf });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ code: 0, message: "Signed out", data: { next: "/portal/sign-in?reason=signed_out" } });
    expect(response.headers.get("set-cookie")).toMatch(/^vault_portal=;.*Max-Age=0/i);
    expect(await getDb().portalSession.count({ where: { userId } })).toBe(0);
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { action: "user.sign_out", actor: `user:${userId}` } });
    expect(audit.requestId).toBe(response.headers.get("x-request-id"));
  });

  it("answers the same without a session, as there is nothing to end", async () => {
    const response = await post("/portal/session/sign-out", { csrf: "anything" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ code: 0, message: "Signed out" });
  });
});

describe("GET /portal/audit/export", () => {
  it("answers 401 in the envelope without a session", async () => {
    const response = await fetch(url("/portal/audit/export"));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 2, message: "Sign in to continue." });
  });

  it("streams the CSV with a request id, and a bad filter is a 400 before any download", async () => {
    const { cookie } = await signedIn();
    const response = await fetch(url("/portal/audit/export"), { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-log-\d+-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers.get("x-request-id")).toMatch(REQUEST_ID);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect((await response.text()).split("\r\n")[0]).toBe("created_at,actor,action,target_type,target_id,client_address,request_id");

    const bad = await fetch(url("/portal/audit/export?from=2026-02-30"), { headers: { cookie } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 6, message: "Please correct the filters.", data: { from: expect.any(String) } });
  });
});
