// The portal's client side of lib/portal/portal-route.ts: JSON to a route
// handler with the session's CSRF token, and the API envelope back as a
// result the forms show (field errors included). A 401 means the session
// ended (15 idle minutes, signed out elsewhere): the browser goes to sign-in.

export type PortalAnswer<T> = { ok: true; data: T; message: string } | { ok: false; status: number; message: string; fields: Record<string, string> };

/**
 * The vault refused the request's values, field by field: the error table's
 * validation kind, the only one answered with 400. Forms branch on this, not
 * on the message's words.
 */
export const isValidationFailure = (answer: PortalAnswer<unknown>): boolean => !answer.ok && answer.status === 400;

export async function portalRequest<T = unknown>(
  url: string,
  options: { csrf: string; method?: "POST" | "PATCH" | "PUT" | "DELETE"; body?: unknown },
): Promise<PortalAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? "POST",
      headers: { "content-type": "application/json", "x-vault-csrf": options.csrf },
      body: JSON.stringify(options.body ?? {}),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, status: 0, message: "The vault could not be reached. Check your connection and try again.", fields: {} };
  }
  let envelope: { code?: number; message?: string; data?: unknown } = {};
  try {
    envelope = (await response.json()) as typeof envelope;
  } catch {
    // A proxy's HTML error page: fall through to the generic message.
  }
  if (response.status === 401 && !url.startsWith("/portal/session")) {
    window.location.assign("/portal/sign-in?reason=expired");
  }
  if (response.ok && envelope.code === 0) return { ok: true, data: envelope.data as T, message: envelope.message ?? "Done" };
  const fields = response.status === 400 && envelope.data && typeof envelope.data === "object" ? (envelope.data as Record<string, string>) : {};
  return { ok: false, status: response.status, message: envelope.message ?? `The vault answered ${response.status}.`, fields };
}
