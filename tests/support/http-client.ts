// A small HTTP client for the API: Basic auth with an API key, JSON in and
// out, and the raw response kept for status and header checks. Plain fetch,
// no test runner: the Vitest suite (api-client.ts) and the Playwright suite
// (e2e/) both use it.

export type ApiResponse<T = any> = { status: number; body: T; headers: Headers };

export type ApiClient = {
  get: <T = any>(path: string) => Promise<ApiResponse<T>>;
  post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiResponse<T>>;
  put: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiResponse<T>>;
  delete: <T = any>(path: string) => Promise<ApiResponse<T>>;
  raw: (path: string, init: RequestInit) => Promise<ApiResponse>;
};

/** Basic credentials with the key as the username and an empty password. */
export function basicAuth(key: string, asPassword = false): string {
  const pair = asPassword ? `:${key}` : `${key}:`;
  return `Basic ${Buffer.from(pair).toString("base64")}`;
}

/** A client for the server at baseUrl (paths are relative to `prefix`: /platform, or /pg for the gateway), authenticated with apiKey (or none). */
export function httpApiClient(baseUrl: string, apiKey?: string, prefix: "/platform" | "/pg" = "/platform"): ApiClient {
  const raw = async (path: string, init: RequestInit): Promise<ApiResponse> => {
    const headers = new Headers(init.headers);
    if (apiKey && !headers.has("authorization")) headers.set("authorization", basicAuth(apiKey));
    const response = await fetch(`${baseUrl}${prefix}${path}`, { ...init, headers });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // keep the text: a non-JSON answer is itself worth asserting on
    }
    return { status: response.status, body, headers: response.headers };
  };
  const withBody =
    (method: string) =>
    (path: string, body?: unknown, headers: Record<string, string> = {}) =>
      raw(path, {
        method,
        headers: { "content-type": "application/json", ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
  return {
    get: (path) => raw(path, { method: "GET" }),
    post: withBody("POST"),
    put: withBody("PUT"),
    delete: (path) => raw(path, { method: "DELETE" }),
    raw,
  };
}
