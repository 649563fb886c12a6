import "#server-only";
import type { IncomingMessage } from "node:http";
import { logger } from "../log/logger";
import { originOf } from "../security/content-security-policy";

// How the browser is loading the embedded page, from its Fetch Metadata
// (Sec-Fetch-Dest): inside a frame, or as a page of its own. A browser that
// sends no Sec-Fetch-Dest gets the page as it always did.

type Request = Pick<IncomingMessage, "method" | "headers">;

/** Opened as a page of its own (a link followed, a URL typed), not framed: a token made there would reach no one. */
export function isOpenedTopLevel(req: Request): boolean {
  return req.headers["sec-fetch-dest"] === "document";
}

/**
 * The origin of the page framing this request, when it is not one of those
 * that may frame the form; else null (not framed, one of them, or not
 * known). Only a GET is the frame's first load, whose Referer names the
 * page that framed it: the form's own post names the vault's page. Only the
 * origin is read, never the path, which may carry the merchant's own data.
 */
export function unregisteredFramingOrigin(req: Request, origins: readonly string[]): string | null {
  const dest = req.headers["sec-fetch-dest"];
  if (req.method !== "GET" || (dest !== "iframe" && dest !== "frame")) return null;
  const origin = originOf(req.headers.referer);
  return origin !== null && !origins.includes(origin) ? origin : null;
}

/**
 * One warning naming an unregistered origin that framed the form: the
 * browser refuses to show it there (CSP frame-ancestors) with an error page
 * of its own, so the log is where the merchant learns why. The transient key
 * is a credential and stays out of it.
 */
export function logUnregisteredFramer(req: Request, form: { merchantId: bigint; origins: readonly string[] }): void {
  const origin = unregisteredFramingOrigin(req, form.origins);
  if (origin === null) return;
  const merchantId = Number(form.merchantId);
  logger.warn(
    { merchantId, origin },
    `embedded form framed by ${origin}, which merchant ${merchantId} has not registered: the browser refuses to show it there (CSP frame-ancestors); register it with \`merchant origins --add\` or on the portal's Checkout settings`,
  );
}
