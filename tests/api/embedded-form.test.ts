// The embedded card form over HTTP: who may frame it, the single-use token
// its submit makes, and attaching that token with POST .../billing.
// (e2e/ runs it framed by a page on a second origin in Chromium.)
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createTransientKey } from "@/lib/embedded/transient-key";
import { futureExpiry, masked, newMerchant, uniqueCustomerId, uniqueVisa, type TestMerchant } from "../support/fixtures";
import { expectStatus, runVaultCli, serverLogContaining } from "../support/security-suite";
import { openPage, parentData, submitForm } from "../support/hosted-form";

const SHOP = "https://shop.example";

async function embeddedMerchant(name: string, origins = [SHOP, "http://localhost:4500"]): Promise<TestMerchant> {
  const m = await newMerchant(name);
  if (origins.length > 0) await runVaultCli(["merchant", "origins", "--merchant", String(m.merchantId), "--add", origins.join(",")]);
  return m;
}

async function transientKey(m: TestMerchant): Promise<string> {
  const r = await m.api.get("/embedded");
  expectStatus(r, 200, "transient key");
  return r.body.data.transient_key as string;
}

const card = (number = uniqueVisa()) => {
  const mmyy = futureExpiry();
  return { card_number: number, exp_date: `${mmyy.slice(0, 2)}/${mmyy.slice(2)}`, cvv2: "123", billing_zip: "94402", cardholder_name: "Ada Lovelace" };
};

/** Submits the embedded form and reads the token message its result page carries for the script (with the origins it goes to), if any. */
async function tokenFrom(path: string, fields: Record<string, string>) {
  const page = await openPage(path);
  const post = await submitForm(path, page.html, fields);
  const data = parentData<Record<string, string>>(post.html);
  return { post, token: data?.message ? { origins: data.origins, message: data.message } : null };
}

describe("the embedded card form", () => {
  it("may be framed only by the merchant's registered origins", async () => {
    const m = await embeddedMerchant("Embedded Frame");
    const page = await openPage(`/embedded/${await transientKey(m)}`);
    expect(page.status).toBe(200);
    const policy = page.headers.get("content-security-policy") ?? "";
    expect(policy).toContain(`frame-ancestors http://localhost:4500 ${SHOP}`);
    expect(page.headers.get("x-frame-options")).toBeNull();
    expect(page.html).toMatch(/autocomplete="cc-number"/i);
  });

  it("is unframeable and says so when the merchant registered no origin, or the key is unknown", async () => {
    const m = await embeddedMerchant("Embedded No Origins", []);
    const page = await openPage(`/embedded/${await transientKey(m)}`);
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(page.html).toContain("has not registered");
    expect(page.html).not.toMatch(/name="card_number"/);
    const unknown = await openPage(`/embedded/${"a".repeat(32)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("turns a card into a single-use token for the registered origins and uses up the key", async () => {
    const m = await embeddedMerchant("Embedded Token");
    const path = `/embedded/${await transientKey(m)}`;
    const number = uniqueVisa();
    const { post, token } = await tokenFrom(path, card(number));
    expect(post.status).toBe(200);
    expect(token?.origins).toEqual(["http://localhost:4500", SHOP]);
    expect(token?.message).toMatchObject({ type: "customer-vault:card_token", card_number: masked(number), card_type: "VS" });
    expect(token?.message.card_id).toMatch(/^[0-9a-f]{32}$/);
    expect(post.html).not.toContain(number);
    // The key is used up: the form is gone.
    const again = await openPage(path);
    expect(again.html).toContain("has been used or has expired");
    expect(again.html).not.toMatch(/name="card_number"/);
  });

  it("attaches the token to a customer once, with the zip typed in the form", async () => {
    const m = await embeddedMerchant("Embedded Attach");
    const number = uniqueVisa();
    const { token } = await tokenFrom(`/embedded/${await transientKey(m)}`, card(number));
    const cardId = token!.message.card_id!;
    const customerId = uniqueCustomerId("E");
    expectStatus(await m.api.post("/vault/customer", { customer_id: customerId, customer_first_name: "Ada" }), 200, "customer");

    const attached = await m.api.post(`/vault/customer/${customerId}/billing`, { card_id: cardId });
    expectStatus(attached, 200, "attach");
    expect(attached.body.data.billing_cards).toMatchObject([
      { card_id: cardId, card_number: masked(number), billing_zip: "94402", billing_first_name: "Ada", billing_last_name: "Lovelace", primary: true },
    ]);
    const twice = await m.api.post(`/vault/customer/${customerId}/billing`, { card_id: cardId });
    expect(twice.status).toBe(400);
    expect(twice.body.data.card_id).toMatch(/not a valid card token/);
    expect(await getDb().pendingCard.count({ where: { id: cardId } })).toBe(0);
  });

  it("refuses a past exp_date with a token as adding a card does, and keeps the token for a corrected request", async () => {
    const m = await embeddedMerchant("Embedded Expiry");
    const { token } = await tokenFrom(`/embedded/${await transientKey(m)}`, card());
    const cardId = token!.message.card_id!;
    const customerId = uniqueCustomerId("P");
    expectStatus(await m.api.post("/vault/customer", { customer_id: customerId, customer_first_name: "Ada" }), 200, "customer");

    const added = await m.api.post(`/vault/customer/${customerId}/billing`, { card_number: uniqueVisa(), exp_date: "0124", billing_zip: "94402" });
    expect(added.status).toBe(400);
    const attached = await m.api.post(`/vault/customer/${customerId}/billing`, { card_id: cardId, exp_date: "0124" });
    expect(attached.status).toBe(400);
    expect(attached.body).toEqual(added.body);
    expect(attached.body.data).toEqual({ exp_date: "the card has expired" });
    expect((await m.api.get(`/vault/customer/${customerId}`)).body.data.billing_cards).toEqual([]);

    // The refusal spent nothing: the same token attaches with a good date.
    const expiry = futureExpiry();
    const fixed = await m.api.post(`/vault/customer/${customerId}/billing`, { card_id: cardId, exp_date: expiry });
    expectStatus(fixed, 200, "attach");
    expect(fixed.body.data.billing_cards).toMatchObject([{ card_id: cardId, exp_date: expiry }]);
  });

  it("refuses a token whose card, as typed in the form, has expired since", async () => {
    const m = await embeddedMerchant("Embedded Stale Expiry");
    const { token } = await tokenFrom(`/embedded/${await transientKey(m)}`, card());
    const cardId = token!.message.card_id!;
    await getDb().$transaction((tx) => tx.pendingCard.update({ where: { id: cardId }, data: { expDate: "0124" } }));
    const customerId = uniqueCustomerId("Q");
    expectStatus(await m.api.post("/vault/customer", { customer_id: customerId, customer_first_name: "Ada" }), 200, "customer");
    const attached = await m.api.post(`/vault/customer/${customerId}/billing`, { card_id: cardId });
    expect(attached.status).toBe(400);
    expect(attached.body.data).toEqual({ exp_date: "the card has expired" });
    expect((await m.api.get(`/vault/customer/${customerId}`)).body.data.billing_cards).toEqual([]);
  });

  it("refuses another merchant's token and an expired one, attaching nothing", async () => {
    const m = await embeddedMerchant("Embedded Owner");
    const other = await newMerchant("Embedded Thief");
    const { token } = await tokenFrom(`/embedded/${await transientKey(m)}`, card());
    const cardId = token!.message.card_id!;
    const customerId = uniqueCustomerId("X");
    expectStatus(await other.api.post("/vault/customer", { customer_id: customerId, customer_first_name: "Eve" }), 200, "customer");
    const stolen = await other.api.post(`/vault/customer/${customerId}/billing`, { card_id: cardId });
    expect(stolen.status).toBe(400);

    await getDb().$transaction((tx) => tx.pendingCard.update({ where: { id: cardId }, data: { expiresAt: new Date(Date.now() - 1) } }));
    const mine = uniqueCustomerId("Y");
    expectStatus(await m.api.post("/vault/customer", { customer_id: mine, customer_first_name: "Ada" }), 200, "customer");
    const expired = await m.api.post(`/vault/customer/${mine}/billing`, { card_id: cardId });
    expect(expired.status).toBe(400);
    expect((await m.api.get(`/vault/customer/${mine}`)).body.data.billing_cards).toEqual([]);
  });

  it("frames a key the portal made only in the vault's own origin and posts its token only there, whatever the merchant registered", async () => {
    // The portal (a signed-in user adding a card) makes its key through lib, as its page does.
    const VAULT = "http://localhost:3999"; // the server's PUBLIC_BASE_URL (tests/support/api-global-setup.ts)
    for (const origins of [[SHOP], []]) {
      const m = await embeddedMerchant(`Embedded Portal ${origins.length}`, origins);
      const key = await createTransientKey({ merchantId: BigInt(m.merchantId), actor: "user:1" }, { forPortal: true });
      const path = `/embedded/${key.transient_key}`;
      const page = await openPage(path);
      expect(page.headers.get("content-security-policy")).toContain(`frame-ancestors ${VAULT};`);
      expect(page.html).not.toContain("has not registered");
      const { token } = await tokenFrom(path, card());
      expect(token?.origins).toEqual([VAULT]);
    }
    // The API's keys are unchanged: the merchant's origins, never the vault's.
    const m = await embeddedMerchant("Embedded Shop Key", [SHOP]);
    const page = await openPage(`/embedded/${await transientKey(m)}`);
    expect(page.headers.get("content-security-policy")).toContain(`frame-ancestors ${SHOP};`);
  });

  it("tells its script the registered origins on every page, for the height it posts, and the token only once there is one", async () => {
    const m = await embeddedMerchant("Embedded Parent");
    const path = `/embedded/${await transientKey(m)}`;
    const origins = ["http://localhost:4500", SHOP];
    const form = await openPage(path);
    expect(parentData(form.html)).toEqual({ origins });
    const refused = await submitForm(path, form.html, card("4111111111111112"));
    expect(parentData(refused.html)).toEqual({ origins });
    const { token } = await tokenFrom(path, card());
    expect(token?.origins).toEqual(origins);
    // Used up: the page that says so still reports its height.
    expect(parentData((await openPage(path)).html)).toEqual({ origins });
    // Nobody to tell: no registered origin, an unknown key.
    const none = await embeddedMerchant("Embedded Parent None", []);
    expect(parentData((await openPage(`/embedded/${await transientKey(none)}`)).html)).toBeNull();
    expect(parentData((await openPage(`/embedded/${"b".repeat(32)}`)).html)).toBeNull();
  });

  it("with a compact key, shows no logo or merchant name, and keeps its heading for screen readers only", async () => {
    const m = await embeddedMerchant("Embedded Compact");
    const compact = await m.api.get("/embedded?compact=true");
    expectStatus(compact, 200, "compact key");
    const path = `/embedded/${compact.body.data.transient_key}`;
    const page = await openPage(path);
    expect(page.html).not.toContain("<header");
    expect(page.html).toContain('<h1 class="sr-only">Add your card</h1>');
    expect(page.html).toMatch(/name="card_number"/);
    // Still compact after a refused card.
    const refused = await submitForm(path, page.html, card("4111111111111112"));
    expect(refused.html).toContain('<h1 class="sr-only">Add your card</h1>');
    expect(refused.html).not.toContain("<header");
    // A key made without it shows both.
    const plain = await openPage(`/embedded/${await transientKey(m)}`);
    expect(plain.html).toContain("Embedded Compact</p></header>");
    expect(plain.html).toMatch(/<h1 class="[^"]*text-2xl[^"]*">Add your card<\/h1>/);
  });

  it("opened as a page of its own, says it belongs on the shop's site and leaves the key usable", async () => {
    const m = await embeddedMerchant("Embedded Top Level");
    const path = `/embedded/${await transientKey(m)}`;
    const alone = await openPage(path, { "sec-fetch-dest": "document" });
    expect(alone.status).toBe(200);
    expect(alone.html).toContain("This card form belongs on Embedded Top Level&#x27;s site");
    expect(alone.html).not.toMatch(/name="card_number"/);
    expect(parentData(alone.html)).toBeNull();
    expect(alone.headers.get("content-security-policy")).toContain(`frame-ancestors http://localhost:4500 ${SHOP}`);
    // In the shop's frame, the same key shows the form.
    const framed = await openPage(path, { "sec-fetch-dest": "iframe", referer: `${SHOP}/checkout` });
    expect(framed.html).toMatch(/name="card_number"/);
  });

  it("logs one warning naming an unregistered origin that frames it, without the key or the framing page's path", async () => {
    const m = await embeddedMerchant("Embedded Unregistered");
    const key = await transientKey(m);
    const path = `/embedded/${key}`;
    const elsewhere = `https://elsewhere-${m.merchantId}.example`;
    // A registered origin, a page of its own, and the form's own post: nothing to say.
    await openPage(path, { "sec-fetch-dest": "iframe", referer: `${SHOP}/pay` });
    await openPage(path, { "sec-fetch-dest": "document", referer: `${elsewhere}/` });
    const framed = await openPage(path, { "sec-fetch-dest": "iframe", referer: `${elsewhere}/checkout?order=ORD-991` });
    // The browser shows its own error page instead (frame-ancestors); the vault still answers the page.
    expect(framed.status).toBe(200);
    const log = await serverLogContaining([elsewhere]);
    const lines = log
      .split("\n")
      .filter((line) => line.includes("embedded form framed by"))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.merchantId === m.merchantId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "warn", origin: elsewhere, merchantId: m.merchantId });
    expect(lines[0]!.msg).toContain(`embedded form framed by ${elsewhere}, which merchant ${m.merchantId} has not registered`);
    expect(JSON.stringify(lines[0])).not.toContain(key);
    expect(JSON.stringify(lines[0])).not.toContain("ORD-991");
  });

  it("shows errors beside the fields and makes no token for a bad card", async () => {
    const m = await embeddedMerchant("Embedded Errors");
    const path = `/embedded/${await transientKey(m)}`;
    const { post, token } = await tokenFrom(path, { ...card("4111111111111112") });
    expect(token).toBeNull();
    expect(post.html).toContain('id="card_number-error"');
    expect(post.html).toContain("Attempts left on this link: 4");
    expect(await getDb().pendingCard.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(0);
  });
});
