// The Webhooks API (/platform/webhook...): the reference's Webhooks tag, the
// rules of docs/api-contract.md (Webhooks, URLs from merchants), secrets and Basic-auth passwords that are
// write-only and sealed, the validate_url event in the outbox, audit rows,
// and one merchant trying to reach another's webhook. The worker does not run
// in these projects, so events are checked as outbox rows, not deliveries.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { openForWebhook } from "@/lib/webhooks/webhook-secrets";
import type { ApiResponse } from "../support/api-client";
import { json, newMerchant, type TestMerchant } from "../support/fixtures";
import { expectStatus, UUID_PATTERN } from "../support/security-suite";

const SECRET = /^[A-Za-z0-9]{32}$/;
const HOUR_MS = 60 * 60 * 1000;

let seq = 0;
/** A label no other test uses, so filters and counts are exact. */
const uniqueLabel = (prefix = "hook") => `${prefix}-${Date.now().toString(36)}-${++seq}`;

function webhookBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    label: uniqueLabel(),
    notification_url: "https://hooks.example.com/vault",
    events: ["vault_customer_created", "vault_card_created"],
    email_address: ["ops@example.com"],
    ...overrides,
  };
}

async function addWebhook(m: TestMerchant, overrides: Record<string, unknown> = {}) {
  const res = await m.api.post("/webhook", webhookBody(overrides));
  expectStatus(res, 200, "add webhook");
  return res.body.data as Record<string, any> & { webhook_id: number; secret: string };
}

const webhookRow = (id: number) => getDb().webhook.findUniqueOrThrow({ where: { id } });
const webhookCount = (m: TestMerchant) => getDb().webhook.count({ where: { merchantId: BigInt(m.merchantId) } });
const eventCount = (m: TestMerchant) => getDb().event.count({ where: { merchantId: BigInt(m.merchantId) } });

/** The audit rows the request wrote (found by its x-request-id). */
async function auditOf(res: ApiResponse) {
  const requestId = res.headers.get("x-request-id");
  expect(requestId, "x-request-id header").toMatch(UUID_PATTERN);
  return getDb().auditLog.findMany({ where: { requestId: requestId! }, orderBy: { id: "asc" } });
}

async function expectAudit(res: ApiResponse, m: TestMerchant, action: string, targetId: string) {
  const rows = await auditOf(res);
  expect(rows.map((r) => ({ action: r.action, targetType: r.targetType, targetId: r.targetId }))).toEqual([{ action, targetType: "webhook", targetId }]);
  expect(rows[0]!.merchantId).toBe(BigInt(m.merchantId));
  expect(rows[0]!.actor).toBe(`api_key:${m.apiKeyId}`);
}

function expect400(res: ApiResponse, field: string) {
  expect(res.status, json(res.body)).toBe(400);
  expect(res.body.code).toBe(6);
  expect(Object.keys(res.body.data ?? {}), json(res.body)).toContain(field);
}

function expect404(res: ApiResponse) {
  expect(res.status, json(res.body)).toBe(404);
  expect(res.body.code).toBe(7);
  expect(res.body.data).toBeUndefined();
}

/** The fields the API shows of a webhook, in any answer but add's and rotate's. */
const PUBLIC_KEYS = ["auth_type", "db_timestamp", "email_address", "events", "label", "notification_url", "status", "webhook_id", "webhook_node"];

// ---------------------------------------------------------------------------

describe("POST /webhook (add)", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Webhooks add");
  });

  it("answers the webhook as the reference shapes it, with a 32-character secret only here", async () => {
    const body = webhookBody({ notification_url: "https://hooks.example.com/vault?src=cv" });
    const before = Date.now();
    const res = await m.api.post("/webhook", body);
    expectStatus(res, 200, "add");
    expect(res.body.code).toBe(0);
    expect(res.body.message).toBe("Success");
    const data = res.body.data;
    expect(Number.isInteger(data.webhook_id)).toBe(true);
    expect(data.webhook_id).toBeGreaterThan(0);
    expect(data).toEqual({
      webhook_id: data.webhook_id,
      webhook_node: String(m.merchantId),
      status: "ACTIVE",
      label: body.label,
      notification_url: "https://hooks.example.com/vault?src=cv",
      email_address: ["ops@example.com"],
      events: ["vault_customer_created", "vault_card_created"],
      auth_type: "NONE",
      db_timestamp: data.db_timestamp,
      secret: data.secret,
    });
    expect(typeof data.webhook_node).toBe("string");
    expect(data.secret).toMatch(SECRET);
    const created = Date.parse(data.db_timestamp);
    expect(created).toBeGreaterThanOrEqual(before - 2000);
    expect(created).toBeLessThanOrEqual(Date.now() + 2000);

    // The secret is sealed, never stored in clear, and opens to what the answer said.
    const row = await webhookRow(data.webhook_id);
    expect(row.merchantId).toBe(BigInt(m.merchantId));
    expect(Buffer.from(row.secretSealed).includes(Buffer.from(data.secret))).toBe(false);
    expect(openForWebhook(row.secretSealed, row.merchantId, row.id, "secret")).toBe(data.secret);

    // Not in get, browse or edit.
    const got = await m.api.get(`/webhook/${data.webhook_id}`);
    expectStatus(got, 200, "get");
    const { secret: _secret, ...withoutSecret } = data;
    expect(got.body.data).toEqual(withoutSecret);
    const browsed = await m.api.get(`/webhook?filter=label,EQUALS,${encodeURIComponent(String(body.label))}`);
    expectStatus(browsed, 200, "browse");
    expect(browsed.body.data).toEqual([withoutSecret]);
    const edited = await m.api.put(`/webhook/${data.webhook_id}`, { label: `${body.label}-2` });
    expectStatus(edited, 200, "edit");
    expect(Object.keys(edited.body.data).sort()).toEqual(PUBLIC_KEYS);
    for (const answer of [got, browsed, edited]) expect(json(answer.body)).not.toContain(data.secret);
  });

  it("applies the defaults: no events, no email addresses, auth_type NONE", async () => {
    const res = await m.api.post("/webhook", { label: uniqueLabel(), notification_url: "https://hooks.example.com/min" });
    expectStatus(res, 200, "add");
    expect(res.body.data).toMatchObject({ events: [], email_address: [], auth_type: "NONE", status: "ACTIVE" });
    expect(res.body.data.auth_settings).toBeUndefined();
  });

  it("keeps a repeated event name once", async () => {
    const data = await addWebhook(m, { events: ["vault_card_created", "vault_card_created", "vault_card_deleted"] });
    expect(data.events).toEqual(["vault_card_created", "vault_card_deleted"]);
  });

  it("shows a Basic user_name but never the password, and seals the password", async () => {
    const password = `pw-${uniqueLabel("secret")}-Zq9`;
    const res = await m.api.post("/webhook", webhookBody({ auth_type: "BASIC", auth_settings: { user_name: "hookuser", user_password: password } }));
    expectStatus(res, 200, "add");
    const data = res.body.data;
    expect(data.auth_type).toBe("BASIC");
    expect(data.auth_settings).toEqual({ user_name: "hookuser" });
    expect(json(res.body)).not.toContain(password);

    const got = await m.api.get(`/webhook/${data.webhook_id}`);
    expect(got.body.data.auth_settings).toEqual({ user_name: "hookuser" });
    const browsed = await m.api.get("/webhook?count=100");
    const edited = await m.api.put(`/webhook/${data.webhook_id}`, { label: "renamed" });
    expectStatus(edited, 200, "edit");
    expect(edited.body.data.auth_settings).toEqual({ user_name: "hookuser" });
    const rotated = await m.api.post(`/webhook/${data.webhook_id}/secret`);
    expectStatus(rotated, 200, "rotate");
    const events = await m.api.get(`/webhook/${data.webhook_id}/event`);
    for (const answer of [got, browsed, edited, rotated, events]) {
      expect(json(answer.body)).not.toContain(password);
      expect(json(answer.body)).not.toContain("user_password");
    }

    const row = await webhookRow(data.webhook_id);
    expect(row.authUserName).toBe("hookuser");
    expect(row.authPasswordSealed).not.toBeNull();
    expect(Buffer.from(row.authPasswordSealed!).includes(Buffer.from(password))).toBe(false);
    expect(openForWebhook(row.authPasswordSealed!, row.merchantId, row.id, "auth-password")).toBe(password);
  });

  it("queues a validate_url event for the new webhook alone, in the outbox", async () => {
    const data = await addWebhook(m, { notification_url: "https://hooks.example.com/validate" });
    const events = await getDb().event.findMany({ where: { merchantId: BigInt(m.merchantId), webhookId: data.webhook_id } });
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.type).toBe("validate_url");
    expect(event.eventId).toMatch(/^[0-9a-f]{32}$/);
    expect(event.fannedOutAt).toBeNull();
    expect(JSON.parse(event.payload)).toMatchObject({ webhook_id: data.webhook_id, notification_url: "https://hooks.example.com/validate" });
    // Never the secret.
    expect(event.payload).not.toContain(data.secret);
  });

  it("writes a webhook.create audit row", async () => {
    const res = await m.api.post("/webhook", webhookBody());
    expectStatus(res, 200, "add");
    await expectAudit(res, m, "webhook.create", String(res.body.data.webhook_id));
  });

  it("accepts webhook_node naming the key's own merchant (as string or number), and 403s another merchant's", async () => {
    const other = await newMerchant("Webhooks other node");
    expectStatus(await m.api.post("/webhook", webhookBody({ webhook_node: String(m.merchantId) })), 200, "own node as string");
    const asNumber = await m.api.post("/webhook", webhookBody({ webhook_node: m.merchantId }));
    expectStatus(asNumber, 200, "own node as number");
    expect(asNumber.body.data.webhook_node).toBe(String(m.merchantId));

    const [hooksBefore, eventsBefore, otherBefore] = [await webhookCount(m), await eventCount(m), await webhookCount(other)];
    const res = await m.api.post("/webhook", webhookBody({ webhook_node: String(other.merchantId) }));
    expect(res.status, json(res.body)).toBe(403);
    expect(res.body.code).toBe(3);
    expect([await webhookCount(m), await eventCount(m), await webhookCount(other)]).toEqual([hooksBefore, eventsBefore, otherBefore]);
  });
});

describe("POST /webhook validation", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Webhooks validation");
  });

  const omit = (key: string) => {
    const body = webhookBody();
    delete body[key];
    return body;
  };

  it.each<[string, () => Record<string, unknown>, string]>([
    ["a missing label", () => omit("label"), "label"],
    ["an empty label", () => webhookBody({ label: "" }), "label"],
    ["a missing notification_url", () => omit("notification_url"), "notification_url"],
    ["a label over 64 characters", () => webhookBody({ label: "L".repeat(65) }), "label"],
    ["a notification_url over 256 characters", () => webhookBody({ notification_url: `https://hooks.example.com/${"p".repeat(231)}` }), "notification_url"],
    ["http to a host that is not loopback", () => webhookBody({ notification_url: "http://hooks.example.com/x" }), "notification_url"],
    ["an ftp: URL", () => webhookBody({ notification_url: "ftp://hooks.example.com/x" }), "notification_url"],
    ["a relative URL", () => webhookBody({ notification_url: "/hooks/x" }), "notification_url"],
    ["a URL with user:password", () => webhookBody({ notification_url: "https://user:pass@hooks.example.com/x" }), "notification_url"],
    ["an unknown event name", () => webhookBody({ events: ["vault_customer_created", "vault_customer_exploded"] }), "events[1]"],
    ["events that are not an array", () => webhookBody({ events: "vault_customer_created" }), "events"],
    ["an unknown auth_type", () => webhookBody({ auth_type: "DIGEST" }), "auth_type"],
    ["BASIC without auth_settings", () => webhookBody({ auth_type: "BASIC" }), "auth_settings"],
    ["a user_name with ':'", () => webhookBody({ auth_type: "BASIC", auth_settings: { user_name: "a:b", user_password: "pw" } }), "auth_settings.user_name"],
    ["BASIC without user_password", () => webhookBody({ auth_type: "BASIC", auth_settings: { user_name: "a" } }), "auth_settings.user_password"],
    ["more than 10 email addresses", () => webhookBody({ email_address: Array.from({ length: 11 }, (_, i) => `ops${i}@example.com`) }), "email_address"],
    ["a malformed email address", () => webhookBody({ email_address: ["not-an-email"] }), "email_address[0]"],
    ["webhook_node that is not a number", () => webhookBody({ webhook_node: "node-1" }), "webhook_node"],
  ])("answers 400 naming the field for %s, and creates nothing", async (_what, body, field) => {
    const [hooks, events] = [await webhookCount(m), await eventCount(m)];
    expect400(await m.api.post("/webhook", body()), field);
    expect([await webhookCount(m), await eventCount(m)]).toEqual([hooks, events]);
  });

  it("accepts a notification_url of exactly 256 characters and a label of exactly 64", async () => {
    const url = `https://hooks.example.com/${"p".repeat(230)}`;
    expect(url).toHaveLength(256);
    const data = await addWebhook(m, { notification_url: url, label: "L".repeat(64) });
    expect(data.notification_url).toBe(url);
    expect(data.label).toBe("L".repeat(64));
  });

  it.each(["http://127.0.0.1:9/x", "http://localhost/x", "http://[::1]/x"])("allows plain http to the loopback URL %s", async (url) => {
    const data = await addWebhook(m, { notification_url: url });
    expect(data.notification_url).toBe(url);
  });

  it("allows exactly 10 email addresses", async () => {
    const emails = Array.from({ length: 10 }, (_, i) => `ops${i}@example.com`);
    expect((await addWebhook(m, { email_address: emails })).email_address).toEqual(emails);
  });

  it("accepts the reference's subscribable events that the vault does not emit yet", async () => {
    const data = await addWebhook(m, { events: ["subscription_payment_success", "account_updater_request_completed"] });
    expect(data.events).toEqual(["subscription_payment_success", "account_updater_request_completed"]);
  });

  it("does not accept validate_url as a subscription", async () => {
    expect400(await m.api.post("/webhook", webhookBody({ events: ["validate_url"] })), "events[0]");
  });
});

describe("webhook ids in paths", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Webhooks path ids");
  });

  it.each(["abc", "12345678901", "-1", "1.5", "0x10"])("answers 400 for the malformed webhook_id %s", async (id) => {
    for (const res of [
      await m.api.get(`/webhook/${id}`),
      await m.api.put(`/webhook/${id}`, { label: "x" }),
      await m.api.put(`/webhook/${id}/enable`),
      await m.api.get(`/webhook/${id}/event`),
      await m.api.post(`/webhook/${id}/secret`),
      await m.api.get(`/webhook/${id}/deliveries`),
    ]) {
      expect400(res, "webhook_id");
    }
  });

  // 10 digits is well-formed ("up to 10 N" in the reference) even past the
  // int4 column's range. Regression: 9999999999 was a 500 on PostgreSQL.
  it.each(["999999", "2147483647", "9999999999"])("answers 404 for the well-formed unknown webhook_id %s", async (id) => {
    expect404(await m.api.get(`/webhook/${id}`));
    expect404(await m.api.put(`/webhook/${id}`, { label: "x" }));
    expect404(await m.api.put(`/webhook/${id}/enable`));
    expect404(await m.api.put(`/webhook/${id}/disable`));
    expect404(await m.api.get(`/webhook/${id}/event`));
    expect404(await m.api.post(`/webhook/${id}/event/vault_card_created`));
    expect404(await m.api.delete(`/webhook/${id}/event/vault_card_created`));
    expect404(await m.api.post(`/webhook/${id}/secret`));
    expect404(await m.api.get(`/webhook/${id}/deliveries`));
    expect404(await m.api.get(`/webhook/${id}/deliveries/1`));
  });
});

describe("GET /webhook (browse)", () => {
  let m: TestMerchant;
  let hooks: Record<string, any>[];
  const prefix = uniqueLabel("browse");
  beforeAll(async () => {
    m = await newMerchant("Webhooks browse");
    hooks = [];
    // Labels out of id order, so sorting on label is told apart from sorting on id.
    for (const [suffix, url] of [
      ["c", "https://alpha.example.com/hook"],
      ["a", "https://beta.example.com/hook"],
      ["d", "https://alpha.example.com/other"],
      ["b", "https://gamma.example.com/hook"],
      ["e", "https://beta.example.com/second"],
    ] as const) {
      hooks.push(await addWebhook(m, { label: `${prefix}-${suffix}`, notification_url: url }));
    }
    expectStatus(await m.api.put(`/webhook/${hooks[1]!.webhook_id}/disable`), 200, "disable");
  });

  const ids = (res: ApiResponse) => (res.body.data as { webhook_id: number }[]).map((w) => w.webhook_id);
  const idsOf = (...indexes: number[]) => indexes.map((i) => hooks[i]!.webhook_id);

  it("lists the merchant's webhooks by webhook_id ascending with the paging fields", async () => {
    const res = await m.api.get("/webhook");
    expectStatus(res, 200, "browse");
    expect(res.body).toMatchObject({
      code: 0,
      message: "Success",
      totalRecords: 5,
      totalPages: 1,
      count: 10,
      page: 0,
      order_on: "webhook_id",
      order_by: "asc",
    });
    expect(ids(res)).toEqual(idsOf(0, 1, 2, 3, 4));
    for (const w of res.body.data) {
      expect(Object.keys(w).sort()).toEqual(PUBLIC_KEYS);
      expect(w.webhook_node).toBe(String(m.merchantId));
    }
  });

  it("pages with count and page; totalRecords is the real total", async () => {
    const first = await m.api.get("/webhook?count=2&page=0");
    const second = await m.api.get("/webhook?count=2&page=1");
    const third = await m.api.get("/webhook?count=2&page=2");
    const beyond = await m.api.get("/webhook?count=2&page=3");
    for (const res of [first, second, third, beyond]) {
      expectStatus(res, 200, "page");
      expect(res.body).toMatchObject({ totalRecords: 5, totalPages: 3, count: 2 });
    }
    expect(ids(first)).toEqual(idsOf(0, 1));
    expect(ids(second)).toEqual(idsOf(2, 3));
    expect(ids(third)).toEqual(idsOf(4));
    expect(ids(beyond)).toEqual([]);
  });

  it("sorts on order_on and order_by", async () => {
    const byLabel = await m.api.get("/webhook?order_on=label&order_by=asc");
    expectStatus(byLabel, 200, "label asc");
    expect(ids(byLabel)).toEqual(idsOf(1, 3, 0, 2, 4));
    const byIdDesc = await m.api.get("/webhook?order_on=webhook_id&order_by=desc");
    expect(ids(byIdDesc)).toEqual(idsOf(4, 3, 2, 1, 0));
    const byLabelDesc = await m.api.get("/webhook?order_on=label&order_by=desc");
    expect(ids(byLabelDesc)).toEqual(idsOf(4, 2, 0, 3, 1));
  });

  it("filters on label, status and notification_url", async () => {
    const byLabel = await m.api.get(`/webhook?filter=${encodeURIComponent(`label,EQUALS,${prefix}-d`)}`);
    expectStatus(byLabel, 200, "label filter");
    expect(ids(byLabel)).toEqual(idsOf(2));
    expect(byLabel.body.totalRecords).toBe(1);

    const active = await m.api.get("/webhook?filter=status,EQUALS,ACTIVE");
    expect(ids(active)).toEqual(idsOf(0, 2, 3, 4));
    expect(active.body.totalRecords).toBe(4);
    const disabled = await m.api.get("/webhook?filter=status,EQUALS,DISABLED");
    expect(ids(disabled)).toEqual(idsOf(1));

    const like = await m.api.get(`/webhook?filter=${encodeURIComponent("notification_url,LIKE,alpha.example")}`);
    expect(ids(like)).toEqual(idsOf(0, 2));
    expect(like.body.totalRecords).toBe(2);

    const combined = await m.api.get(`/webhook?filter=${encodeURIComponent("notification_url,LIKE,beta;status,EQUALS,ACTIVE")}`);
    expect(ids(combined)).toEqual(idsOf(4));

    const paged = await m.api.get("/webhook?filter=status,EQUALS,ACTIVE&count=1&page=1");
    expect(paged.body).toMatchObject({ totalRecords: 4, totalPages: 4 });
    expect(ids(paged)).toEqual(idsOf(2));
  });

  it.each([
    ["an unknown filter field", "filter=secret,EQUALS,x", "filter"],
    ["an unknown filter operator", "filter=label,SOUNDS_LIKE,x", "filter"],
    ["a filter without a value", "filter=label,EQUALS", "filter"],
    ["an unknown order_on", "order_on=secret", "order_on"],
    ["order_on a name every object has (regression: a 500)", "order_on=toString", "order_on"],
    ["a filter on a name every object has (regression: a 500)", "filter=constructor,EQUALS,x", "filter"],
    ["an unknown order_by", "order_by=sideways", "order_by"],
    ["count 0", "count=0", "count"],
    ["a negative page", "page=-1", "page"],
  ])("answers 400 for %s", async (_what, query, field) => {
    expect400(await m.api.get(`/webhook?${query}`), field);
  });

  it("lists only the key's own merchant's webhooks", async () => {
    const other = await newMerchant("Webhooks browse other");
    const res = await other.api.get("/webhook?count=100");
    expectStatus(res, 200, "other browse");
    expect(res.body.totalRecords).toBe(0);
    expect(res.body.data).toEqual([]);
    const theirs = await addWebhook(other, { label: `${prefix}-a` });
    const mine = await m.api.get(`/webhook?count=100&filter=${encodeURIComponent(`label,EQUALS,${prefix}-a`)}`);
    expect(ids(mine)).toEqual(idsOf(1));
    expect(ids(mine)).not.toContain(theirs.webhook_id);
  });
});

describe("PUT /webhook/{id} (edit)", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Webhooks edit");
  });

  it("changes only the fields sent; events, when sent, replace the set", async () => {
    const hook = await addWebhook(m, { events: ["vault_card_created", "vault_card_updated"], email_address: ["a@example.com"] });
    const label = uniqueLabel("edited");
    const res = await m.api.put(`/webhook/${hook.webhook_id}`, { label });
    expectStatus(res, 200, "edit label");
    const { secret: _secret, ...shown } = hook;
    expect(res.body.data).toEqual({ ...shown, label });

    const url = await m.api.put(`/webhook/${hook.webhook_id}`, {
      notification_url: "https://elsewhere.example.com/h",
      email_address: ["b@example.com", "c@example.com"],
    });
    expectStatus(url, 200, "edit url");
    expect(url.body.data).toMatchObject({
      label,
      notification_url: "https://elsewhere.example.com/h",
      email_address: ["b@example.com", "c@example.com"],
      events: hook.events,
    });

    const events = await m.api.put(`/webhook/${hook.webhook_id}`, { events: ["vault_customer_deleted"] });
    expectStatus(events, 200, "edit events");
    expect(events.body.data.events).toEqual(["vault_customer_deleted"]);
    const emptied = await m.api.put(`/webhook/${hook.webhook_id}`, { events: [] });
    expect(emptied.body.data.events).toEqual([]);

    const got = await m.api.get(`/webhook/${hook.webhook_id}`);
    expect(got.body.data).toEqual({
      ...shown,
      label,
      notification_url: "https://elsewhere.example.com/h",
      email_address: ["b@example.com", "c@example.com"],
      events: [],
    });
  });

  it("writes a webhook.update audit row", async () => {
    const hook = await addWebhook(m);
    const res = await m.api.put(`/webhook/${hook.webhook_id}`, { label: "audited" });
    expectStatus(res, 200, "edit");
    await expectAudit(res, m, "webhook.update", String(hook.webhook_id));
  });

  it("switches to BASIC with auth_settings, changes the password, and clears both with auth_type NONE", async () => {
    const hook = await addWebhook(m);
    const toBasic = await m.api.put(`/webhook/${hook.webhook_id}`, {
      auth_type: "BASIC",
      auth_settings: { user_name: "first", user_password: "first-password-1" },
    });
    expectStatus(toBasic, 200, "to BASIC");
    expect(toBasic.body.data).toMatchObject({ auth_type: "BASIC", auth_settings: { user_name: "first" } });
    expect(json(toBasic.body)).not.toContain("first-password-1");

    // auth_settings alone, while BASIC: a new user name and password.
    const changed = await m.api.put(`/webhook/${hook.webhook_id}`, { auth_settings: { user_name: "second", user_password: "second-password-2" } });
    expectStatus(changed, 200, "new password");
    expect(changed.body.data.auth_settings).toEqual({ user_name: "second" });
    let row = await webhookRow(hook.webhook_id);
    expect(openForWebhook(row.authPasswordSealed!, row.merchantId, row.id, "auth-password")).toBe("second-password-2");
    expect(Buffer.from(row.authPasswordSealed!).includes(Buffer.from("second-password-2"))).toBe(false);

    // Other edits keep the credentials, also when the client sends auth_type BASIC back without them.
    expectStatus(await m.api.put(`/webhook/${hook.webhook_id}`, { label: "still basic" }), 200, "label");
    expectStatus(await m.api.put(`/webhook/${hook.webhook_id}`, { label: "still basic", auth_type: "BASIC" }), 200, "BASIC sent back");
    row = await webhookRow(hook.webhook_id);
    expect(row.authUserName).toBe("second");
    expect(openForWebhook(row.authPasswordSealed!, row.merchantId, row.id, "auth-password")).toBe("second-password-2");

    const none = await m.api.put(`/webhook/${hook.webhook_id}`, { auth_type: "NONE" });
    expectStatus(none, 200, "to NONE");
    expect(none.body.data.auth_type).toBe("NONE");
    expect(none.body.data.auth_settings).toBeUndefined();
    row = await webhookRow(hook.webhook_id);
    expect(row).toMatchObject({ authType: "NONE", authUserName: null, authPasswordSealed: null, authPasswordKekVersion: null });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["auth_settings with auth_type NONE", { auth_type: "NONE", auth_settings: { user_name: "u", user_password: "p" } }, "auth_settings"],
    ["auth_settings on a NONE webhook without auth_type", { auth_settings: { user_name: "u", user_password: "p" } }, "auth_settings"],
    ["BASIC without auth_settings on a NONE webhook", { auth_type: "BASIC" }, "auth_settings"],
    ["an empty label", { label: "" }, "label"],
    ["a label over 64 characters", { label: "x".repeat(65) }, "label"],
    ["an http URL off loopback", { notification_url: "http://hooks.example.com/" }, "notification_url"],
    ["an unknown event", { events: ["nope"] }, "events[0]"],
    ["events that are not an array", { events: { a: 1 } }, "events"],
    ["more than 10 email addresses", { email_address: Array.from({ length: 11 }, (_, i) => `e${i}@example.com`) }, "email_address"],
  ])("answers 400 for %s and changes nothing", async (_what, body, field) => {
    const hook = await addWebhook(m);
    const before = await webhookRow(hook.webhook_id);
    expect400(await m.api.put(`/webhook/${hook.webhook_id}`, body), field);
    expect(await webhookRow(hook.webhook_id)).toEqual(before);
  });

  it("answers 403 for another merchant's webhook_node and changes nothing", async () => {
    const other = await newMerchant("Webhooks edit other node");
    const hook = await addWebhook(m);
    const before = await webhookRow(hook.webhook_id);
    const res = await m.api.put(`/webhook/${hook.webhook_id}`, { label: "moved", webhook_node: String(other.merchantId) });
    expect(res.status, json(res.body)).toBe(403);
    expect(res.body.code).toBe(3);
    expect(await webhookRow(hook.webhook_id)).toEqual(before);
    expect(await auditOf(res)).toEqual([]);
    expectStatus(await m.api.put(`/webhook/${hook.webhook_id}`, { label: "own node", webhook_node: String(m.merchantId) }), 200, "own node");
  });
});

describe("enable and disable", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Webhooks status");
  });

  it("disables and enables, answering {code: 0, message} and auditing each", async () => {
    const hook = await addWebhook(m);
    const disabled = await m.api.put(`/webhook/${hook.webhook_id}/disable`);
    expectStatus(disabled, 200, "disable");
    expect(disabled.body).toEqual({ code: 0, message: expect.any(String) });
    expect((await m.api.get(`/webhook/${hook.webhook_id}`)).body.data.status).toBe("DISABLED");
    expect((await webhookRow(hook.webhook_id)).status).toBe("DISABLED");
    await expectAudit(disabled, m, "webhook.disable", String(hook.webhook_id));

    const enabled = await m.api.put(`/webhook/${hook.webhook_id}/enable`);
    expectStatus(enabled, 200, "enable");
    expect(enabled.body).toEqual({ code: 0, message: expect.any(String) });
    expect((await m.api.get(`/webhook/${hook.webhook_id}`)).body.data.status).toBe("ACTIVE");
    await expectAudit(enabled, m, "webhook.enable", String(hook.webhook_id));
  });

  it("lifts a suspension when enabled", async () => {
    const hook = await addWebhook(m);
    await getDb().webhook.update({ where: { id: hook.webhook_id }, data: { status: "SUSPENDED", suspendedAt: new Date() } });
    expect((await m.api.get(`/webhook/${hook.webhook_id}`)).body.data.status).toBe("SUSPENDED");
    expectStatus(await m.api.put(`/webhook/${hook.webhook_id}/enable`), 200, "enable");
    expect(await webhookRow(hook.webhook_id)).toMatchObject({ status: "ACTIVE", suspendedAt: null });
  });
});

describe("a webhook's events", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Webhooks events");
  });

  it("lists, adds (once) and removes one event at a time", async () => {
    const hook = await addWebhook(m, { events: ["vault_card_created"] });
    const listed = await m.api.get(`/webhook/${hook.webhook_id}/event`);
    expectStatus(listed, 200, "list");
    expect(listed.body).toMatchObject({ code: 0, data: { events: ["vault_card_created"] } });

    const added = await m.api.post(`/webhook/${hook.webhook_id}/event/vault_card_deleted`);
    expectStatus(added, 200, "add event");
    expect(added.body.data.events).toEqual(["vault_card_created", "vault_card_deleted"]);
    await expectAudit(added, m, "webhook.event_add", `${hook.webhook_id}:vault_card_deleted`);

    const again = await m.api.post(`/webhook/${hook.webhook_id}/event/vault_card_deleted`);
    expectStatus(again, 200, "add event again");
    expect(again.body.data.events).toEqual(["vault_card_created", "vault_card_deleted"]);
    expect((await m.api.get(`/webhook/${hook.webhook_id}/event`)).body.data.events).toEqual(["vault_card_created", "vault_card_deleted"]);
    expect(JSON.parse((await webhookRow(hook.webhook_id)).events)).toEqual(["vault_card_created", "vault_card_deleted"]);

    const removed = await m.api.delete(`/webhook/${hook.webhook_id}/event/vault_card_created`);
    expectStatus(removed, 200, "remove event");
    expect(removed.body.data.events).toEqual(["vault_card_deleted"]);
    await expectAudit(removed, m, "webhook.event_remove", `${hook.webhook_id}:vault_card_created`);
    expect((await m.api.get(`/webhook/${hook.webhook_id}`)).body.data.events).toEqual(["vault_card_deleted"]);

    // Removing one not subscribed changes nothing.
    const absent = await m.api.delete(`/webhook/${hook.webhook_id}/event/vault_customer_updated`);
    expectStatus(absent, 200, "remove absent");
    expect(absent.body.data.events).toEqual(["vault_card_deleted"]);
  });

  it("answers 400 for an event name a webhook cannot subscribe to", async () => {
    const hook = await addWebhook(m, { events: ["vault_card_created"] });
    expect400(await m.api.post(`/webhook/${hook.webhook_id}/event/vault_card_exploded`), "event");
    expect400(await m.api.delete(`/webhook/${hook.webhook_id}/event/validate_url`), "event");
    expect(JSON.parse((await webhookRow(hook.webhook_id)).events)).toEqual(["vault_card_created"]);
  });
});

describe("POST /webhook/{id}/secret (rotate)", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Webhooks secret");
  });

  it("answers a new secret, keeps the old one sealed for 24 hours, and audits", async () => {
    const hook = await addWebhook(m);
    const before = await webhookRow(hook.webhook_id);
    const res = await m.api.post(`/webhook/${hook.webhook_id}/secret`);
    expectStatus(res, 200, "rotate");
    const data = res.body.data;
    expect(data.secret).toMatch(SECRET);
    expect(data.secret).not.toBe(hook.secret);
    expect(data.webhook_id).toBe(hook.webhook_id);
    expect(data.label).toBe(hook.label);
    await expectAudit(res, m, "webhook.rotate_secret", String(hook.webhook_id));

    const row = await webhookRow(hook.webhook_id);
    expect(openForWebhook(row.secretSealed, row.merchantId, row.id, "secret")).toBe(data.secret);
    expect(row.previousSecretSealed).not.toBeNull();
    expect(Buffer.from(row.previousSecretSealed!).equals(Buffer.from(before.secretSealed))).toBe(true);
    expect(openForWebhook(row.previousSecretSealed!, row.merchantId, row.id, "secret")).toBe(hook.secret);
    const expires = row.previousSecretExpiresAt!.getTime();
    expect(expires).toBeGreaterThan(Date.now() + 24 * HOUR_MS - 60_000);
    expect(expires).toBeLessThan(Date.now() + 24 * HOUR_MS + 60_000);

    // The new secret is in that answer only.
    const got = await m.api.get(`/webhook/${hook.webhook_id}`);
    expect(got.body.data.secret).toBeUndefined();
    expect(json(got.body)).not.toContain(data.secret);
  });
});

describe("deliveries", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Webhooks deliveries");
  });

  it("lists none for a new webhook, with the paging fields", async () => {
    const hook = await addWebhook(m);
    const res = await m.api.get(`/webhook/${hook.webhook_id}/deliveries`);
    expectStatus(res, 200, "deliveries");
    expect(res.body).toEqual({
      code: 0,
      message: "Success",
      totalPages: 0,
      totalRecords: 0,
      count: 10,
      page: 0,
      order_on: "delivery_id",
      order_by: "desc",
      data: [],
    });
    const pending = await m.api.get(`/webhook/${hook.webhook_id}/deliveries?status=PENDING&count=5`);
    expectStatus(pending, 200, "pending");
    expect(pending.body).toMatchObject({ totalRecords: 0, count: 5, data: [] });
  });

  it.each([
    ["an unknown status", "status=LOST", "status"],
    ["a lowercase status", "status=pending", "status"],
    ["count 0", "count=0", "count"],
  ])("answers 400 for %s", async (_what, query, field) => {
    const hook = await addWebhook(m);
    expect400(await m.api.get(`/webhook/${hook.webhook_id}/deliveries?${query}`), field);
  });

  it("answers 404 for an unknown delivery and 400 for a malformed delivery_id", async () => {
    const hook = await addWebhook(m);
    expect404(await m.api.get(`/webhook/${hook.webhook_id}/deliveries/123456`));
    // Regression: a 10-digit id past the int4 column's range was a 500 on PostgreSQL.
    expect404(await m.api.get(`/webhook/${hook.webhook_id}/deliveries/9999999999`));
    expect400(await m.api.get(`/webhook/${hook.webhook_id}/deliveries/abc`), "delivery_id");
    expect400(await m.api.get(`/webhook/${hook.webhook_id}/deliveries/12345678901`), "delivery_id");
  });
});

describe("isolation between merchants", () => {
  let owner: TestMerchant;
  let intruder: TestMerchant;
  let hook: Record<string, any> & { webhook_id: number };
  beforeAll(async () => {
    owner = await newMerchant("Webhooks owner");
    intruder = await newMerchant("Webhooks intruder");
    hook = await addWebhook(owner, { events: ["vault_card_created"] });
  });

  const attempts: [string, (api: TestMerchant["api"], id: number) => Promise<ApiResponse>][] = [
    ["get", (api, id) => api.get(`/webhook/${id}`)],
    ["edit", (api, id) => api.put(`/webhook/${id}`, { label: "taken over", notification_url: "https://attacker.example.com/" })],
    ["edit events", (api, id) => api.put(`/webhook/${id}`, { events: ["vault_customer_created"] })],
    ["enable", (api, id) => api.put(`/webhook/${id}/enable`)],
    ["disable", (api, id) => api.put(`/webhook/${id}/disable`)],
    ["list events", (api, id) => api.get(`/webhook/${id}/event`)],
    ["add an event", (api, id) => api.post(`/webhook/${id}/event/vault_card_deleted`)],
    ["remove an event", (api, id) => api.delete(`/webhook/${id}/event/vault_card_created`)],
    ["rotate the secret", (api, id) => api.post(`/webhook/${id}/secret`)],
    ["list deliveries", (api, id) => api.get(`/webhook/${id}/deliveries`)],
    ["get a delivery", (api, id) => api.get(`/webhook/${id}/deliveries/1`)],
  ];

  it.each(attempts)("another merchant's key gets 404 to %s, and nothing changes", async (_what, attempt) => {
    const before = await webhookRow(hook.webhook_id);
    const res = await attempt(intruder.api, hook.webhook_id);
    expect404(res);
    expect(json(res.body)).not.toContain(hook.label);
    expect(await webhookRow(hook.webhook_id)).toEqual(before);
    expect(await auditOf(res)).toEqual([]);
  });

  it("answers the intruder the same 404 as for a webhook that does not exist", async () => {
    const theirs = await intruder.api.get(`/webhook/${hook.webhook_id}`);
    const unknown = await intruder.api.get("/webhook/999999999");
    expect(theirs.status).toBe(unknown.status);
    expect(theirs.body).toEqual(unknown.body);
  });

  it("leaves the owner's webhook as it was", async () => {
    const res = await owner.api.get(`/webhook/${hook.webhook_id}`);
    expectStatus(res, 200, "owner get");
    const { secret: _secret, ...shown } = hook;
    expect(res.body.data).toEqual(shown);
    expect(await getDb().auditLog.count({ where: { actor: `api_key:${intruder.apiKeyId}` } })).toBe(0);
  });
});
