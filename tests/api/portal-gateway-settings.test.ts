// The portal's gateway settings over HTTP, as the Gateway page calls them
// (PUT /portal/api/settings/gateway, POST /portal/api/settings/gateway/test),
// against a fake upstream PG gateway on loopback: switching to it and back,
// the security key never answered and kept when left empty, each change
// audited; the connection test a real verify of 0 through the saved
// connector, recorded as one, reporting approved, declined or unreachable;
// bad settings refused field by field with nothing changed; and only the
// roles with settings.write may do either.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createUser } from "@/lib/users/create-user";
import { newMerchant } from "../support/fixtures";
import { startFakeUpstream, type FakeUpstream } from "../support/fake-upstream-gateway";
import { portalPost, signedInSession, type PortalSession } from "../support/portal-client";

const PASSWORD = "a long enough passphrase";
const UPSTREAM_MERCHANT_ID = "212000000888";
const TEST_CARD = "4111111111111111";

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await startFakeUpstream();
});
afterAll(async () => {
  await fake.close();
});

async function sessionOf(merchantId: number, role: string): Promise<{ userId: number; session: PortalSession }> {
  const email = `${role}.${randomBytes(5).toString("hex")}@shop.example`;
  const user = await createUser({ merchantId: BigInt(merchantId), email, role, password: PASSWORD, actor: "test" });
  return { userId: user.userId, session: await signedInSession({ ...user, password: PASSWORD }) };
}

const save = (session: PortalSession, body: unknown) => portalPost("/portal/api/settings/gateway", { ...session, method: "PUT", body });
const testConnection = (session: PortalSession) => portalPost("/portal/api/settings/gateway/test", session);
const upstream = (change: Record<string, unknown> = {}) => ({
  connector: "upstream",
  upstreamUrl: fake.url,
  upstreamMerchantId: UPSTREAM_MERCHANT_ID,
  securityKey: fake.securityKey,
  ...change,
});
const gatewayRow = (merchantId: number) => getDb().merchantGateway.findUnique({ where: { merchantId: BigInt(merchantId) } });
const auditOf = (merchantId: number, action: string) =>
  getDb().auditLog.findMany({
    where: { merchantId: BigInt(merchantId), action },
    orderBy: { id: "asc" },
    select: { actor: true, targetType: true, targetId: true },
  });
const transactionRow = (pgId: string) => getDb().transaction.findUniqueOrThrow({ where: { pgId } });

describe("the portal's gateway settings", () => {
  it("an admin switches to an upstream gateway and back to the sandbox; the key is never answered; each change is audited", async () => {
    const m = await newMerchant("Portal Gateway Switch");
    const admin = await sessionOf(m.merchantId, "admin");

    const saved = await save(admin.session, upstream({ upstreamUrl: `  ${fake.url}  ` }));
    expect(saved.status, saved.body?.message).toBe(200);
    expect(saved.body.data).toEqual({
      connector: "upstream",
      upstreamUrl: fake.url,
      upstreamMerchantId: UPSTREAM_MERCHANT_ID,
      securityKeySet: true,
      clockOffsetSeconds: 0,
    });
    expect(JSON.stringify(saved.body)).not.toContain(fake.securityKey);
    const row = await gatewayRow(m.merchantId);
    expect(row).toMatchObject({ connector: "upstream", upstreamUrl: fake.url, upstreamMerchantId: BigInt(UPSTREAM_MERCHANT_ID) });
    expect(row?.securityKeySealed).not.toBeNull();
    expect(Buffer.from(row!.securityKeySealed!).toString("latin1")).not.toContain(fake.securityKey);

    const back = await save(admin.session, { connector: "sandbox" });
    expect(back.status, back.body?.message).toBe(200);
    expect(back.body.data).toMatchObject({ connector: "sandbox", upstreamUrl: null, upstreamMerchantId: null, securityKeySet: false });
    expect(await gatewayRow(m.merchantId)).toMatchObject({ connector: "sandbox", upstreamUrl: null, securityKeySealed: null, kekVersion: null });

    const audit = { actor: `user:${admin.userId}`, targetType: "merchant", targetId: String(m.merchantId) };
    expect(await auditOf(m.merchantId, "merchant.gateway")).toEqual([audit, audit]);
  });

  it("tests the connection with a real verify of 0 through the upstream: approved, recorded as a verify, audited", async () => {
    const m = await newMerchant("Portal Gateway Test");
    const owner = await sessionOf(m.merchantId, "owner");
    expect((await save(owner.session, upstream())).status).toBe(200);
    const before = fake.received.length;

    const tested = await testConnection(owner.session);
    expect(tested.status, tested.body?.message).toBe(200);
    expect(tested.body.data).toEqual({ outcome: "approved", pgId: expect.stringMatching(/^[0-9a-f]{32}$/), rmsg: "Approved U12345", authCode: "U12345" });

    const sent = fake.received.slice(before);
    expect(sent.map((r) => r.url)).toEqual(["/pg/verify"]);
    expect(sent[0]!.body).toMatchObject({ merchant_id: Number(UPSTREAM_MERCHANT_ID), card_number: TEST_CARD, tran_currency: 840 });
    expect(sent[0]!.body).not.toHaveProperty("amt_tran");

    const pgId = tested.body.data.pgId as string;
    expect(await transactionRow(pgId)).toMatchObject({
      merchantId: BigInt(m.merchantId),
      type: "verify",
      status: "A",
      connector: "upstream",
      amountMinor: 0n,
      maskedNumber: expect.stringMatching(/1111$/),
      merchRefNum: "portal connection test",
      upstreamPgId: fake.issued.at(-1),
    });
    expect(await auditOf(m.merchantId, "transaction.verify")).toEqual([{ actor: `user:${owner.userId}`, targetType: "transaction", targetId: pgId }]);
    // The API sees it as any other verify.
    expect((await m.api.get(`/transaction/${pgId}`)).body.data).toMatchObject({ tran_type: "verify", connector: "upstream" });
  });

  it("reports a decline with its reason, and an upstream that refuses the key as unreachable, the verify kept for reconciling", async () => {
    const m = await newMerchant("Portal Gateway Outcomes");
    const admin = await sessionOf(m.merchantId, "admin");
    expect((await save(admin.session, upstream())).status).toBe(200);

    fake.mode = "decline";
    try {
      const declined = await testConnection(admin.session);
      expect(declined.body.data).toEqual({ outcome: "declined", pgId: expect.any(String), rcode: "005", rmsg: "Upstream decline" });
      expect(await transactionRow(declined.body.data.pgId)).toMatchObject({ type: "verify", status: "D", rcode: "005" });
    } finally {
      fake.mode = "approve";
    }

    // A new key replaces the one set; the fake refuses it (401): the outcome is unknown.
    expect((await save(admin.session, upstream({ securityKey: "not-the-upstream-key" }))).status).toBe(200);
    const refused = await testConnection(admin.session);
    expect(refused.body.data).toEqual({ outcome: "unreachable", pgId: expect.any(String), reason: "upstream gateway answered HTTP 401" });
    expect(await transactionRow(refused.body.data.pgId)).toMatchObject({ type: "verify", status: "F", rcode: "998", connector: "upstream" });
    expect(JSON.stringify(refused.body)).not.toContain("not-the-upstream-key");
  });

  it("keeps the key set when the field is left empty, and refuses an empty one when none is set", async () => {
    const m = await newMerchant("Portal Gateway Keep Key");
    const admin = await sessionOf(m.merchantId, "admin");

    // No key yet (the sandbox): an empty one is refused, and nothing is written.
    const none = await save(admin.session, upstream({ securityKey: "" }));
    expect(none.status).toBe(400);
    expect(none.body.data).toEqual({ securityKey: "is required: no security key is set yet" });
    expect(await gatewayRow(m.merchantId)).toBeNull();
    expect(await auditOf(m.merchantId, "merchant.gateway")).toEqual([]);

    expect((await save(admin.session, upstream())).status).toBe(200);
    const sealed = (await gatewayRow(m.merchantId))!.securityKeySealed;
    const kept = await save(admin.session, upstream({ upstreamUrl: `${fake.url}/`, upstreamMerchantId: "42", securityKey: "" }));
    expect(kept.status, kept.body?.message).toBe(200);
    expect(kept.body.data).toMatchObject({ upstreamUrl: `${fake.url}/`, upstreamMerchantId: "42", securityKeySet: true });
    expect(Buffer.from((await gatewayRow(m.merchantId))!.securityKeySealed!)).toEqual(Buffer.from(sealed!));
    // The kept key still opens and is still the upstream's: the connection test is approved.
    const before = fake.received.length;
    expect((await testConnection(admin.session)).body.data).toMatchObject({ outcome: "approved" });
    expect(fake.received.slice(before).map((r) => [r.url, r.body.merchant_id])).toEqual([["/pg/verify", 42]]);
  });

  it("tests the sandbox when no upstream is set: approved by the sandbox, and nothing reaches the upstream", async () => {
    const m = await newMerchant("Portal Gateway Sandbox Test");
    const admin = await sessionOf(m.merchantId, "admin");
    const before = fake.received.length;
    const tested = await testConnection(admin.session);
    expect(tested.body.data).toEqual({ outcome: "approved", pgId: expect.any(String), rmsg: "Card verified", authCode: expect.stringMatching(/^T\d{5}$/) });
    expect(await transactionRow(tested.body.data.pgId)).toMatchObject({ type: "verify", status: "A", connector: "sandbox" });
    expect(fake.received.length).toBe(before);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["an http URL that is not loopback", { upstreamUrl: "http://gateway.example.com/pg" }, "upstreamUrl"],
    ["a URL that is not one", { upstreamUrl: "gateway.example.com" }, "upstreamUrl"],
    ["a private address", { upstreamUrl: "https://10.1.2.3/pg" }, "upstreamUrl"],
    ["an empty URL", { upstreamUrl: "  " }, "upstreamUrl"],
    ["a merchant id that is not a number", { upstreamMerchantId: "abc" }, "upstreamMerchantId"],
    ["a short security key", { securityKey: "short" }, "securityKey"],
    ["an unknown connector", { connector: "paypal" }, "connector"],
  ])("refuses %s (400, the field named) and changes nothing", async (_what, change, field) => {
    const m = await newMerchant("Portal Gateway Refused");
    const admin = await sessionOf(m.merchantId, "admin");
    expect((await save(admin.session, upstream())).status).toBe(200);
    const before = await gatewayRow(m.merchantId);

    const answer = await save(admin.session, upstream(change));
    expect(answer.status).toBe(400);
    expect(answer.body.data).toEqual({ [field]: expect.any(String) });
    expect(await gatewayRow(m.merchantId)).toEqual(before);
    expect(await auditOf(m.merchantId, "merchant.gateway")).toHaveLength(1);
  });

  it.each(["staff", "viewer"])("refuses a %s (403) both a change and a test, and records nothing", async (role) => {
    const m = await newMerchant("Portal Gateway Role");
    const user = await sessionOf(m.merchantId, role);
    const before = fake.received.length;
    for (const answer of [await save(user.session, upstream()), await save(user.session, { connector: "sandbox" }), await testConnection(user.session)]) {
      expect(answer.status).toBe(403);
      expect(answer.body.message).toBe("Your role does not allow this.");
    }
    expect(await gatewayRow(m.merchantId)).toBeNull();
    expect(await getDb().transaction.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(0);
    expect(await getDb().auditLog.count({ where: { merchantId: BigInt(m.merchantId), action: { in: ["merchant.gateway", "transaction.verify"] } } })).toBe(0);
    expect(fake.received.length).toBe(before);
  });

  it("refuses a change or a test without the session's CSRF token (403) or without a session (401)", async () => {
    const m = await newMerchant("Portal Gateway CSRF");
    const owner = await sessionOf(m.merchantId, "owner");
    const forged = { cookie: owner.session.cookie, csrf: "wrong" };
    expect((await save(forged, upstream())).status).toBe(403);
    expect((await testConnection(forged)).status).toBe(403);
    expect((await save({ cookie: "", csrf: owner.session.csrf }, upstream())).status).toBe(401);
    expect(await gatewayRow(m.merchantId)).toBeNull();
    expect(await getDb().transaction.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(0);
  });
});
