// The portal's checkout links over HTTP, as its Links page and a customer's
// page call them: POST /portal/api/links/{checkout_id}/cancel cancels an open
// link (the API then says "cancelled", while its page and its submits refuse
// it as expired: decision 018), audited under the user; only an open link of
// the user's own merchant can be cancelled, and only by roles that may make
// links; and the reads behind both pages (listCheckouts) filter by state and
// by customer.
import { request } from "node:http";
import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { listCheckouts } from "@/lib/checkout/list-checkouts";
import { createUser } from "@/lib/users/create-user";
import { futureExpiry, newMerchant, uniqueCustomerId, uniqueVisa, type TestMerchant } from "../support/fixtures";
import { hiddenFields } from "../support/hosted-form";
import { loopbackAddress, portalPost, signedInSession, type PortalSession } from "../support/portal-client";
import { expectStatus } from "../support/security-suite";

const PASSWORD = "a long enough passphrase";

async function sessionOf(merchantId: number, role: string): Promise<{ userId: number; session: PortalSession }> {
  const email = `${role}.${randomBytes(5).toString("hex")}@shop.example`;
  const user = await createUser({ merchantId: BigInt(merchantId), email, role, password: PASSWORD, actor: "test" });
  return { userId: user.userId, session: await signedInSession({ ...user, password: PASSWORD }) };
}

const cancelLink = (s: PortalSession, checkoutId: string) => portalPost(`/portal/api/links/${checkoutId}/cancel`, s);

/** A card link made as "Send card link" makes it: the portal's link route, for an existing customer. */
async function sendCardLink(s: PortalSession, customerId: string): Promise<string> {
  const answer = await portalPost("/portal/api/links", { ...s, body: { customer_id: customerId, preferences: { expire_in_secs: 86400 } } });
  expect(answer.status, answer.body?.message).toBe(200);
  return answer.body.data.checkout_id as string;
}

async function newCustomer(m: TestMerchant): Promise<string> {
  const customerId = uniqueCustomerId("PL");
  expectStatus(await m.api.post("/vault/customer", { customer_id: customerId, customer_first_name: "Ada" }), 200, "customer");
  return customerId;
}

type PageAnswer = { status: number; location: string | null; html: string; cookie: string | null };

/** The customer's browser on an address of its own (a post to a used link counts against its address, and must throttle no other test). */
function customerBrowser() {
  const address = loopbackAddress();
  let cookie: string | null = null;
  const send = (method: string, path: string, body?: string): Promise<PageAnswer> => {
    const base = new URL(inject("baseUrl"));
    const headers: Record<string, string> = { origin: base.origin };
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
    return new Promise((resolve, reject) => {
      const req = request({ host: base.hostname, port: base.port, path, method, headers, localAddress: address }, (res) => {
        let html = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (html += chunk));
        res.on("end", () => {
          const set = res.headers["set-cookie"]?.[0];
          if (set) cookie = set.split(";")[0]!;
          resolve({ status: res.statusCode ?? 0, location: (res.headers.location as string | undefined) ?? null, html, cookie });
        });
      });
      req.on("error", reject);
      req.end(body);
    });
  };
  return {
    open: (path: string) => send("GET", path),
    submit: (path: string, html: string, fields: Record<string, string>) =>
      send("POST", path, new URLSearchParams([...hiddenFields(html), ...Object.entries(fields)]).toString()),
  };
}

describe("cancelling a checkout link in the portal", () => {
  it("staff cancel an open link: the API and the list say cancelled, its page and a submit from a page opened before refuse it, and the user is audited", async () => {
    const m = await newMerchant("Portal Links Cancel");
    const staff = await sessionOf(m.merchantId, "staff");
    const customerId = await newCustomer(m);
    const checkoutId = await sendCardLink(staff.session, customerId);
    const path = `/checkout/${checkoutId}`;

    // The customer opened the page before the merchant cancelled the link.
    const browser = customerBrowser();
    const opened = await browser.open(path);
    expect(opened.status).toBe(200);

    const before = Date.now();
    const cancelled = await cancelLink(staff.session, checkoutId);
    expect(cancelled.status, cancelled.body?.message).toBe(200);
    expect(cancelled.body.data).toMatchObject({ checkout_id: checkoutId, customer_id: customerId, state: "cancelled" });
    // Its expiry is the moment it was cancelled.
    expect(Date.parse(cancelled.body.data.expiry_time)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(cancelled.body.data.expiry_time)).toBeLessThanOrEqual(Date.now());
    const api = await m.api.get(`/checkout/${checkoutId}`);
    expectStatus(api, 200, "get link");
    expect(api.body.data.state).toBe("cancelled");

    const merchantId = BigInt(m.merchantId);
    expect((await listCheckouts({ merchantId, state: "cancelled" })).rows.map((r) => [r.checkoutId, r.state])).toEqual([[checkoutId, "cancelled"]]);
    expect((await listCheckouts({ merchantId, state: "open" })).rows).toEqual([]);

    // The page tells a new visitor the link cannot be used, and takes no card from the page opened before.
    const fresh = await customerBrowser().open(path);
    expect(fresh.html).toContain("The shop has cancelled this link. Ask the shop for a new one.");
    expect(fresh.html).not.toContain('name="card_number"');
    const posted = await browser.submit(path, opened.html, { card_number: uniqueVisa(), exp_date: futureExpiry(), cvv2: "123", billing_zip: "94402" });
    expect(posted.status).toBe(303);
    expect(posted.location).toBe(path);
    const customer = await m.api.get(`/vault/customer/${customerId}`);
    expect(customer.body.data.billing_cards).toEqual([]);
    const row = await getDb().checkout.findUniqueOrThrow({ where: { id: checkoutId }, select: { state: true, spentAt: true, resultCardId: true } });
    expect(row).toEqual({ state: "cancelled", spentAt: null, resultCardId: null });

    const audit = await getDb().auditLog.findMany({
      where: { merchantId, targetId: checkoutId },
      orderBy: { id: "asc" },
      select: { actor: true, action: true },
    });
    expect(audit).toEqual([
      { actor: `user:${staff.userId}`, action: "checkout.create" },
      { actor: `user:${staff.userId}`, action: "checkout.cancel" },
    ]);

    // A second cancel changes nothing and says why.
    const again = await cancelLink(staff.session, checkoutId);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe("This link is cancelled: only an open link can be cancelled.");
    expect(await getDb().auditLog.count({ where: { merchantId, targetId: checkoutId, action: "checkout.cancel" } })).toBe(1);
  });

  it("only an open link of the user's own merchant can be cancelled: a spent or expired one is a 409, another merchant's a 404, and each stays as it was", async () => {
    const m = await newMerchant("Portal Links Cancel States");
    const other = await newMerchant("Portal Links Other");
    const admin = await sessionOf(m.merchantId, "admin");
    const customerId = await newCustomer(m);
    const spent = await sendCardLink(admin.session, customerId);
    const expired = await sendCardLink(admin.session, customerId);
    await getDb().checkout.update({ where: { id: spent }, data: { state: "spent", spentAt: new Date() } });
    await getDb().checkout.update({ where: { id: expired }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const theirs = (await other.api.post("/checkout", { customer_id: uniqueCustomerId("TH"), customer_first_name: "Theirs" })).body.data.checkout_id as string;

    const spentAnswer = await cancelLink(admin.session, spent);
    expect([spentAnswer.status, spentAnswer.body.message]).toEqual([409, "This link is spent: only an open link can be cancelled."]);
    const expiredAnswer = await cancelLink(admin.session, expired);
    expect([expiredAnswer.status, expiredAnswer.body.message]).toEqual([409, "This link is expired: only an open link can be cancelled."]);
    expect((await cancelLink(admin.session, theirs)).status).toBe(404);
    expect((await cancelLink(admin.session, "not-a-link")).status).toBe(400);

    expect((await m.api.get(`/checkout/${spent}`)).body.data.state).toBe("spent");
    expect((await m.api.get(`/checkout/${expired}`)).body.data.state).toBe("expired");
    expect((await other.api.get(`/checkout/${theirs}`)).body.data.state).toBe("open");
    expect(await getDb().auditLog.count({ where: { action: "checkout.cancel", targetId: { in: [spent, expired, theirs] } } })).toBe(0);
  });

  it("viewers may not cancel a link, nor anyone without the session's CSRF token: 403, and the link stays open", async () => {
    const m = await newMerchant("Portal Links Cancel Roles");
    const owner = await sessionOf(m.merchantId, "owner");
    const viewer = await sessionOf(m.merchantId, "viewer");
    const checkoutId = await sendCardLink(owner.session, await newCustomer(m));

    const refused = await cancelLink(viewer.session, checkoutId);
    expect([refused.status, refused.body.message]).toEqual([403, "Your role does not allow this."]);
    expect((await cancelLink({ ...owner.session, csrf: "0".repeat(43) }, checkoutId)).status).toBe(403);
    // A viewer cannot make a link either ("Send card link" is not shown to them).
    const made = await portalPost("/portal/api/links", { ...viewer.session, body: { customer_id: uniqueCustomerId("VW"), customer_first_name: "No" } });
    expect(made.status).toBe(403);

    expect((await m.api.get(`/checkout/${checkoutId}`)).body.data.state).toBe("open");
    expect(await getDb().auditLog.count({ where: { merchantId: BigInt(m.merchantId), action: "checkout.cancel" } })).toBe(0);
  });
});

describe("the links the Links page and a customer's page list", () => {
  it("filter by state as the merchant sees it, an unwritten expiry included, and by customer, newest first", async () => {
    const m = await newMerchant("Portal Links Filter");
    const owner = await sessionOf(m.merchantId, "owner");
    const merchantId = BigInt(m.merchantId);
    const ada = await newCustomer(m);
    const bob = await newCustomer(m);
    const link = async (customerId: string, row: Record<string, unknown> = {}) => {
      const id = await sendCardLink(owner.session, customerId);
      if (Object.keys(row).length > 0) await getDb().checkout.update({ where: { id }, data: row });
      return id;
    };
    const open = await link(ada);
    // Past its expiry: expired, whether or not housekeeping wrote it down yet.
    const lapsed = await link(ada, { expiresAt: new Date(Date.now() - 1000) });
    const expired = await link(bob, { state: "expired", expiresAt: new Date(Date.now() - 1000) });
    const spent = await link(bob, { state: "spent", spentAt: new Date() });
    const locked = await link(ada, { state: "locked", lockedAt: new Date(), failedAttempts: 5 });
    const pending = await link(bob, { state: "pending" });
    const cancelled = await link(ada);
    expect((await cancelLink(owner.session, cancelled)).status).toBe(200);

    const ids = async (options: Partial<Parameters<typeof listCheckouts>[0]>) =>
      (await listCheckouts({ merchantId, ...options })).rows.map((r) => `${r.checkoutId}:${r.state}`);
    expect(await ids({ state: "open" })).toEqual([`${open}:open`]);
    expect(await ids({ state: "expired" })).toEqual([`${expired}:expired`, `${lapsed}:expired`]);
    expect(await ids({ state: "spent" })).toEqual([`${spent}:spent`]);
    expect(await ids({ state: "locked" })).toEqual([`${locked}:locked`]);
    expect(await ids({ state: "pending" })).toEqual([`${pending}:pending`]);
    expect(await ids({ state: "cancelled" })).toEqual([`${cancelled}:cancelled`]);
    // A customer's page: that customer's links only, newest first, with what the history shows.
    expect(await ids({ customerId: ada })).toEqual([`${cancelled}:cancelled`, `${locked}:locked`, `${lapsed}:expired`, `${open}:open`]);
    expect(await ids({ customerId: ada, state: "open" })).toEqual([`${open}:open`]);
    const [spentRow] = (await listCheckouts({ merchantId, customerId: bob, state: "spent" })).rows;
    expect(spentRow).toMatchObject({ customerId: bob, cardId: null, amount: null });
    expect(spentRow!.link).toMatch(new RegExp(`^https?://[^/]+/checkout/${spent}$`));
    expect(spentRow!.spentAt).toBeInstanceOf(Date);
    await expect(listCheckouts({ merchantId, state: "gone" as never })).rejects.toThrow();
  });
});
