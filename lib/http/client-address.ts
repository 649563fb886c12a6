/**
 * The client's address as server.mjs recorded it from the socket (or, with
 * TRUST_PROXY, from the proxy's X-Forwarded-For). server.mjs overwrites any
 * value a client sends in this header, so it cannot be spoofed.
 */
export const CLIENT_ADDRESS_HEADER = "x-vault-client-address";

export function clientAddressOf(request: Request): string | null {
  return request.headers.get(CLIENT_ADDRESS_HEADER);
}
