// URLs merchants give us (success_url, failure_url, later iframe origins and
// webhook URLs): https, except loopback hosts, which may use http in every
// mode for development and tests (docs/api-contract.md, URLs from merchants).

/** True for localhost, 127.0.0.0/8 and [::1]. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Why a merchant URL is unacceptable, or null when it is fine. */
export function merchantUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be an absolute URL";
  }
  if (url.username || url.password) return "must not carry a user name or password";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) return null;
  return "must use https (http only for localhost)";
}
