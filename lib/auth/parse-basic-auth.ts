/**
 * The API key from an HTTP Basic header. Clients put it in the username (with
 * an empty password) or in the password, so either is accepted; when both are
 * set the username wins and the password is tried second by the caller.
 */
export function apiKeyCandidatesFromAuthorization(header: string | null): string[] {
  if (!header) return [];
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match?.[1]) return [];
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const user = colon === -1 ? decoded : decoded.slice(0, colon);
  const password = colon === -1 ? "" : decoded.slice(colon + 1);
  return [user, password].filter((part) => part.length > 0 && part.length <= 200);
}
