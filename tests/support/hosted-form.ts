// Drives the hosted card page as a browser with JavaScript off would: read
// the form's hidden fields from the HTML, post them back as a plain
// (urlencoded) form with the customer's fields, and look at the answer
// without following it. Like a browser, it keeps the session cookie each page sets and sends it
// back to that page's path and the paths under it.
import { inject } from "vitest";

export type FormPost = { status: number; location: string | null; html: string };
export type OpenedPage = { status: number; location: string | null; html: string; headers: Headers; setCookie: string | null };

/** Cookie (name=value) per page path, as a browser would keep them. */
const jar = new Map<string, string>();

/** Text with the entities React writes read back. */
const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The hidden inputs of the page's form (the session's token). */
export function hiddenFields(html: string): [string, string][] {
  return [...html.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)].map((m) => [decode(m[1]!), decode(m[2] ?? "")]);
}

/**
 * What a reader sees of a page: its text without tags, scripts or styles (so
 * none of the page's random ids and tokens), entities read, spaces collapsed.
 */
export function visibleText(html: string): string {
  return decode(html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, " ").replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");
}

/** The cookie a browser sends to `path`: the one set for it, or for the page it is under (/checkout/{id} for /checkout/{id}/done). */
function cookieFor(path: string): string | undefined {
  const under = [...jar.keys()].filter((p) => path === p || path.startsWith(`${p}/`)).sort((a, b) => b.length - a.length)[0];
  return under === undefined ? undefined : jar.get(under);
}

/** Opens the page as a browser would; `headers`: what that browser adds (Fetch Metadata, a Referer). */
export async function openPage(path: string, headers: Record<string, string> = {}): Promise<OpenedPage> {
  const cookie = cookieFor(path);
  const response = await fetch(`${inject("baseUrl")}${path}`, { redirect: "manual", headers: { ...headers, ...(cookie ? { cookie } : {}) } });
  const setCookie = response.headers.get("set-cookie");
  if (setCookie) jar.set(path, setCookie.split(";")[0]!);
  return { status: response.status, location: response.headers.get("location"), html: await response.text(), headers: response.headers, setCookie };
}

/** What an embedded page tells its script about the framing page (components/checkout/embedded-parent.tsx): the origins it posts to, and the card token's message once there is one. */
export function parentData<M = Record<string, unknown>>(html: string): { origins: string[]; message?: M } | null {
  const data = /<script id="embedded-parent" type="application\/json">([^<]*)<\/script>/.exec(html)?.[1];
  return data ? (JSON.parse(data) as { origins: string[]; message?: M }) : null;
}

export type PostOptions = {
  /** The Origin header: the page's own unless given; null sends none. */
  origin?: string | null;
  /** Sec-Fetch-Site, as a browser sends it; none unless given. */
  site?: "same-origin" | "same-site" | "cross-site";
  /** The Cookie header instead of the one the page set; null sends none. */
  cookie?: string | null;
  /** What else the browser sends (its Accept-Language). */
  headers?: Record<string, string>;
};

/** Submits the page's form with `fields`, as the page's own browser unless options say otherwise. */
export async function submitForm(
  path: string,
  html: string,
  fields: Record<string, string>,
  { origin, site, cookie, headers: extra = {} }: PostOptions = {},
): Promise<FormPost> {
  const base = inject("baseUrl");
  const form = new URLSearchParams();
  for (const [name, value] of hiddenFields(html)) form.append(name, value);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const headers: Record<string, string> = { ...extra };
  if (origin !== null) headers.origin = origin ?? base;
  if (site) headers["sec-fetch-site"] = site;
  const sentCookie = cookie === undefined ? jar.get(path) : cookie;
  if (sentCookie) headers.cookie = sentCookie;
  const response = await fetch(`${base}${path}`, { method: "POST", body: form, headers, redirect: "manual" });
  return { status: response.status, location: response.headers.get("location"), html: await response.text() };
}
