// A spent, expired or locked checkout link over HTTP, as a script with no
// page JavaScript would probe it: every post gets the one answer for the
// link's state, whatever card it carries, and counts against the client's
// address; only the session that spent the link gets its success answer
// again (a double submit); and no post or load of a used link starts a
// session. Each client here connects from its own loopback address, so the
// failures it makes throttle nobody else's tests.
import { request } from "node:http";
import { describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { CHECKOUT_ADDRESS_LIMIT } from "@/lib/checkout/address-limit";
import { rateCount } from "@/lib/throttle/rate-limit";
import { futureExpiry, newMerchant, uniqueCustomerId, uniqueVisa, type TestMerchant } from "../support/fixtures";
import { expectStatus } from "../support/security-suite";
import { hiddenFields } from "../support/hosted-form";

type Answer = { status: number; location: string | null; setCookie: string | null; html: string };

/** A browser (or script) on its own address in 127.0.0.0/8, keeping the one cookie its link's page set. */
class Client {
  readonly address = `127.${octet()}.${octet()}.${octet()}`;
  cookie: string | null = null;
  token: string | null = null;

  /** Loads the page and keeps its session, as a browser does. */
  async open(path: string): Promise<Answer> {
    const answer = await this.send("GET", path);
    this.keep(answer);
    return answer;
  }

  /** Posts the form with the fields; `session: false` sends neither cookie nor form token. */
  async post(path: string, fields: Record<string, string>, { session = true } = {}): Promise<Answer> {
    const form = new URLSearchParams(session && this.token ? { csrf_token: this.token } : {});
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    return this.send("POST", path, form, session ? this.cookie : null);
  }

  keep(answer: Answer) {
    if (answer.setCookie) this.cookie = answer.setCookie.split(";")[0]!;
    const token = hiddenFields(answer.html).find(([name]) => name === "csrf_token")?.[1];
    if (token) this.token = token;
  }

  private send(method: string, path: string, form?: URLSearchParams, cookie = this.cookie): Promise<Answer> {
    const base = new URL(inject("baseUrl"));
    const body = form?.toString();
    const headers: Record<string, string> = { origin: base.origin };
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
    return new Promise((resolve, reject) => {
      const req = request({ host: base.hostname, port: base.port, path, method, headers, localAddress: this.address }, (res) => {
        let html = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (html += chunk));
        res.on("end", () => {
          const setCookie = res.headers["set-cookie"]?.join(", ") ?? null;
          resolve({ status: res.statusCode ?? 0, location: (res.headers.location as string | undefined) ?? null, setCookie, html });
        });
      });
      req.on("error", reject);
      req.end(body);
    });
  }
}

function octet() {
  return Math.floor(Math.random() * 254) + 1;
}

async function newLink(m: TestMerchant) {
  const r = await m.api.post("/checkout", {
    customer_id: uniqueCustomerId("O"),
    customer_first_name: "Oracle",
    preferences: { success_url: "https://shop.example/ok", failure_url: "https://shop.example/failed" },
  });
  expectStatus(r, 200, "create link");
  const checkoutId = r.body.data.checkout_id as string;
  return { checkoutId, path: `/checkout/${checkoutId}` };
}

const cardFields = (card_number = uniqueVisa()) => ({ card_number, exp_date: futureExpiry(), cvv2: "123", billing_zip: "94402" });

/** The answer with what only the clock changes (the redirect's timestamp and signature) left out. */
function comparable(answer: Answer) {
  let location = answer.location;
  if (location?.startsWith("https://")) {
    const url = new URL(location);
    url.searchParams.delete("timestamp");
    url.searchParams.delete("signature");
    location = url.toString();
  }
  return { status: answer.status, location, setCookie: answer.setCookie };
}

/**
 * What a prober without the link's session gets for a card: it posts with no
 * cookie and, if that answer starts a session with a form, posts the card
 * again with that session.
 */
async function probeWithoutSession(path: string, card: Record<string, string>): Promise<Answer[]> {
  const prober = new Client();
  const first = await prober.post(path, card, { session: false });
  prober.keep(first);
  if (!prober.cookie || !prober.token) return [first];
  return [first, await prober.post(path, card)];
}

/** A link the customer's browser has spent with `card`; `early` loaded the page while it was open. */
async function spentLink(m: TestMerchant) {
  const link = await newLink(m);
  const early = new Client();
  await early.open(link.path);
  const customer = new Client();
  await customer.open(link.path);
  const card = cardFields();
  const stored = await customer.post(link.path, card);
  expect(stored.status).toBe(303);
  const cardId = new URL(stored.location!).searchParams.get("card_id");
  expect(cardId).toMatch(/^[A-Za-z0-9]+$/);
  return { ...link, early, customer, card, cardId: cardId!, stored };
}

function expectFailureAnswer(answer: Answer, reason: string) {
  expect(answer.status).toBe(303);
  const location = new URL(answer.location!);
  expect(location.origin + location.pathname).toBe("https://shop.example/failed");
  expect(location.searchParams.get("reason")).toBe(reason);
  expect(location.searchParams.has("card_id")).toBe(false);
  expect(answer.setCookie).toBeNull();
}

describe("a used checkout link", () => {
  it("answers a post without a session the same for the stored card and any other, and starts no session", async () => {
    const m = await newMerchant("Oracle Fresh");
    const link = await spentLink(m);
    const withStored = await probeWithoutSession(link.path, link.card);
    const withOther = await probeWithoutSession(link.path, cardFields());
    expect(withStored.map(comparable)).toEqual(withOther.map(comparable));
    for (const answer of [...withStored, ...withOther]) expectFailureAnswer(answer, "spent");
    expect(withStored).toHaveLength(1);

    // Loading it without a cookie starts no session either.
    const loaded = await new Client().open(link.path);
    expect(loaded.status).toBe(303);
    expect(loaded.setCookie).toBeNull();
  });

  it("answers a session from before it was spent the same for the stored card and any other", async () => {
    const m = await newMerchant("Oracle Early");
    const link = await spentLink(m);
    const withStored = await link.early.post(link.path, link.card);
    const withOther = await link.early.post(link.path, cardFields());
    expect(comparable(withStored)).toEqual(comparable(withOther));
    expectFailureAnswer(withStored, "spent");
  });

  for (const reason of ["expired", "locked"] as const) {
    it(`answers every post to a link that is ${reason} the same, with or without a session, and starts no session`, async () => {
      const m = await newMerchant(`Oracle ${reason}`);
      const link = await newLink(m);
      const early = new Client();
      await early.open(link.path);
      const data = reason === "expired" ? { expiresAt: new Date(Date.now() - 1000) } : { state: "locked", lockedAt: new Date() };
      await getDb().$transaction((tx) => tx.checkout.update({ where: { id: link.checkoutId }, data }));

      const card = cardFields();
      const answers = [
        ...(await probeWithoutSession(link.path, card)),
        ...(await probeWithoutSession(link.path, cardFields())),
        await early.post(link.path, card),
        await early.post(link.path, cardFields()),
      ];
      expect(answers).toHaveLength(4);
      for (const answer of answers) expectFailureAnswer(answer, reason);
      expect(new Set(answers.map((a) => JSON.stringify(comparable(a)))).size).toBe(1);
    });
  }

  it("gives the session that spent it its success answer again, also when both posts race", async () => {
    const m = await newMerchant("Oracle Double Submit");
    const link = await spentLink(m);
    const again = await link.customer.post(link.path, link.card);
    expect(again.status).toBe(303);
    expect(new URL(again.location!).searchParams.get("card_id")).toBe(link.cardId);
    // Known by its session, never by its card: whatever the fields hold, the
    // session that spent the link gets the first answer and nothing is stored.
    const edited = await link.customer.post(link.path, cardFields());
    expect(edited.status).toBe(303);
    expect(new URL(edited.location!).searchParams.get("card_id")).toBe(link.cardId);

    // A double click with JavaScript off: two posts of one session at once.
    const raced = await newLink(m);
    const browser = new Client();
    await browser.open(raced.path);
    const card = cardFields();
    const answers = await Promise.all([browser.post(raced.path, card), browser.post(raced.path, card)]);
    const cardIds = answers.map((a) => (a.location ? new URL(a.location).searchParams.get("card_id") : null));
    expect(answers.map((a) => a.status)).toEqual([303, 303]);
    expect(cardIds[0]).toBeTruthy();
    expect(cardIds[1]).toBe(cardIds[0]);
  });

  it(`counts posts to it against the address, which is refused on an open link after ${CHECKOUT_ADDRESS_LIMIT.limit}`, async () => {
    const m = await newMerchant("Oracle Address Limit");
    const link = await spentLink(m);
    for (let i = 0; i < CHECKOUT_ADDRESS_LIMIT.limit; i++) expectFailureAnswer(await link.early.post(link.path, cardFields()), "spent");

    const open = await newLink(m);
    const sameAddress = link.early;
    sameAddress.cookie = null;
    await sameAddress.open(open.path);
    const refused = await sameAddress.post(open.path, cardFields());
    expect(refused.status).toBe(200);
    expect(refused.html).toContain("Too many failed attempts");
    expect((await m.api.get(`/checkout/${open.checkoutId}`)).body.data.state).toBe("open");
    // The posts to the used link, and no more: the refused post was not counted.
    expect((await rateCount(getDb(), CHECKOUT_ADDRESS_LIMIT, link.early.address)).points).toBe(CHECKOUT_ADDRESS_LIMIT.limit);
  });
});
