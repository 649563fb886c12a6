// Drives the hosted card page as a browser with JavaScript off would: read
// the form's hidden fields from the HTML, post them back as multipart form
// data with the customer's fields, and look at the answer without following it.
import { inject } from "vitest";

export type FormPost = { status: number; location: string | null; html: string };

/** The hidden inputs of the page's form (the server action's reference and bound arguments). */
export function hiddenFields(html: string): [string, string][] {
  const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  return [...html.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)].map((m) => [decode(m[1]!), decode(m[2] ?? "")]);
}

export async function openPage(path: string): Promise<{ status: number; location: string | null; html: string; headers: Headers }> {
  const response = await fetch(`${inject("baseUrl")}${path}`, { redirect: "manual" });
  return { status: response.status, location: response.headers.get("location"), html: await response.text(), headers: response.headers };
}

/** Submits the page's form with `fields`, from `origin` (the page's own unless given). */
export async function submitForm(path: string, html: string, fields: Record<string, string>, origin?: string | null): Promise<FormPost> {
  const base = inject("baseUrl");
  const form = new FormData();
  for (const [name, value] of hiddenFields(html)) form.append(name, value);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const headers: Record<string, string> = {};
  if (origin !== null) headers.origin = origin ?? base;
  const response = await fetch(`${base}${path}`, { method: "POST", body: form, headers, redirect: "manual" });
  return { status: response.status, location: response.headers.get("location"), html: await response.text() };
}
