// The hosted card page's submit as the bench measures it: what a customer's
// browser (JavaScript off or on, it is the same post) sends when the card
// form is submitted. POST /checkout/{id}, urlencoded, with the page's session
// cookie and its form token, answered by a 303 to the link's signed
// success_url.
//
// Links are single-use and each needs its own session, so every submit gets
// a link made for it before the clock starts: created through the API like
// a merchant would (POST /platform/checkout), then opened (GET) like a
// browser, keeping the Set-Cookie and the hidden csrf_token.
//
// A payment link's submit is the same post to a link made with an amount
// (docs/payments.md, "Payment links"): the sandbox charges the card, the
// card is stored on the link's customer, and the 303 to the success_url adds
// pg_id and amt_tran. A decline answers the form again with a 200, so only
// that 303, with the payment in it, counts.
import type autocannon from "autocannon";
import { generateTestCardNumber } from "../lib/cards/test-cards";

export const SUCCESS_URL = "https://shop.example/ok";

/**
 * The amount of the bench's payment links: its cents (.00) are none of the
 * sandbox's declining test amounts, so every payment is approved.
 */
export const PAYMENT_AMOUNT = "10.00";

/** A submit ready to be sent: its link's path, the browser's headers (session cookie) and the form's body. */
export type PreparedSubmit = { path: string; headers: Record<string, string>; body: string };

/**
 * Whether an answer to a submit is the one a stored card (or, with an
 * `amount`, a paid link) gets: a 303 to the success_url, with, for a
 * payment, a pg_id and the amount approved.
 */
export function isSuccessRedirect(status: number, location: unknown, amount: string | null): boolean {
  if (status !== 303 || typeof location !== "string" || !location.startsWith(`${SUCCESS_URL}?`)) return false;
  if (amount === null) return true;
  const params = new URL(location).searchParams;
  return /^[0-9a-f]{32}$/.test(params.get("pg_id") ?? "") && Number(params.get("amt_tran")) === Number(amount);
}

/** MM/YY three years ahead, as a customer types it. */
function expiry(): string {
  const now = new Date();
  return `${String(now.getUTCMonth() + 1).padStart(2, "0")}/${String((now.getUTCFullYear() + 3) % 100).padStart(2, "0")}`;
}

function decodeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

let sequence = 0;

/**
 * One open link, opened by its own "browser": the post that submits a fresh
 * card to it. With an `amount`, a payment link of that amt_tran.
 */
export async function prepareSubmit(baseUrl: string, authorization: string, amount: string | null): Promise<PreparedSubmit> {
  sequence += 1;
  const created = await fetch(`${baseUrl}/platform/checkout`, {
    method: "POST",
    headers: { authorization, "content-type": "application/json" },
    body: JSON.stringify({
      customer_id: `${amount === null ? "H" : "P"}${process.pid}x${sequence}`,
      customer_first_name: "Hosted",
      ...(amount === null ? {} : { amt_tran: amount }),
      preferences: { success_url: SUCCESS_URL, expire_in_secs: 3600 },
    }),
  });
  const text = await created.text();
  if (created.status !== 200) throw new Error(`creating a link failed: ${created.status} ${text}`);
  const id = (JSON.parse(text) as { data?: { checkout_id?: string } }).data?.checkout_id;
  if (!id) throw new Error(`creating a link answered no checkout_id: ${text}`);
  const path = `/checkout/${id}`;
  const page = await fetch(`${baseUrl}${path}`, { redirect: "manual" });
  const html = await page.text();
  const cookie = page.headers.get("set-cookie")?.split(";")[0];
  const token = /<input type="hidden" name="csrf_token" value="([^"]*)"\/>/.exec(html)?.[1];
  if (page.status !== 200 || !cookie || token === undefined) throw new Error(`opening ${path} failed: ${page.status}, cookie ${cookie ? "set" : "missing"}`);
  const body = new URLSearchParams({
    csrf_token: decodeAttribute(token),
    card_number: generateTestCardNumber("4", 16),
    exp_date: expiry(),
    cvv2: "123",
    billing_zip: "94402",
  }).toString();
  return {
    path,
    // What Chromium sends with a form post from a page under
    // Referrer-Policy: no-referrer.
    headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: "null", "sec-fetch-site": "same-origin" },
    body,
  };
}

/**
 * Open links, each opened once, ready to be submitted: card-capture links,
 * or with an `amount` payment links. Links the last run did not reach are
 * kept for the next one (they stay open for an hour), so each run only tops
 * the pool up.
 */
export class SubmitPool {
  private readonly ready: PreparedSubmit[] = [];
  prepared = 0;
  prepareMs = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly authorization: string,
    readonly amount: string | null = null,
  ) {}

  get size(): number {
    return this.ready.length;
  }

  /** The page of an open link in the pool, left in it (loading the page does not spend the link). */
  peekPath(): string {
    const next = this.ready[0];
    if (!next) throw new Error("the pool is empty");
    return next.path;
  }

  /** Prepares links until `size` are ready, `parallel` at a time. */
  async fill(size: number, parallel = 8): Promise<void> {
    const started = performance.now();
    const missing = Math.max(0, size - this.ready.length);
    let left = missing;
    await Promise.all(
      Array.from({ length: Math.min(parallel, missing) }, async () => {
        while (left > 0) {
          left -= 1;
          this.ready.push(await prepareSubmit(this.baseUrl, this.authorization, this.amount));
        }
      }),
    );
    this.prepared += missing;
    this.prepareMs += performance.now() - started;
  }

  /**
   * autocannon options for one run drawing from the pool: every request is a
   * different link's submit (shared by all connections, so no connection can
   * run out while others have links left). Only a 303 to the success_url
   * (isSuccessRedirect) counts as a submit; should the pool run dry, the extra requests go to a
   * path that answers 404 and are counted as failures and in `exhausted`.
   */
  options(): { options: autocannon.Options; tally: { stored: number; exhausted: number } } {
    const tally = { stored: 0, exhausted: 0 };
    const request = {
      method: "POST" as const,
      setupRequest: (defaults: autocannon.Request) => {
        const next = this.ready.shift();
        if (next) return { ...defaults, method: "POST", path: next.path, headers: next.headers, body: next.body };
        tally.exhausted += 1;
        return { ...defaults, method: "GET", path: "/checkout/pool-ran-out", headers: {}, body: "" };
      },
      onResponse: (status: number, _body: string, _context: unknown, headers: Record<string, string | string[]> = {}) => {
        if (isSuccessRedirect(status, headers.location ?? headers.Location, this.amount)) tally.stored += 1;
      },
    };
    return { options: { url: this.baseUrl, requests: [request as autocannon.Request] }, tally };
  }
}
