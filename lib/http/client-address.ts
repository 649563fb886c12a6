import type { IncomingHttpHeaders } from "node:http";

/**
 * The client's address as server.mjs recorded it from the socket (or, with
 * TRUST_PROXY, from the proxy's X-Forwarded-For). server.mjs overwrites any
 * value a client sends in this header, so it cannot be spoofed.
 */
export const CLIENT_ADDRESS_HEADER = "x-vault-client-address";

/** The client's address from fetch-style headers (a server component's `headers()`). */
export function clientAddressIn(headers: Pick<Headers, "get">): string | null {
  return headers.get(CLIENT_ADDRESS_HEADER) || null;
}

/** The client's address from a Pages Router request's Node headers. */
export function clientAddressOfNodeHeaders(headers: IncomingHttpHeaders): string | null {
  const value = headers[CLIENT_ADDRESS_HEADER];
  return (Array.isArray(value) ? value[0] : value) || null;
}
