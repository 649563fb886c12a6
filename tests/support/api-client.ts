// The API client for the Vitest suites: the plain HTTP client
// (http-client.ts) aimed at the server the global setup started.
import { inject } from "vitest";
import { httpApiClient, type ApiClient } from "./http-client";

export { basicAuth, type ApiClient, type ApiResponse } from "./http-client";

/** A client for the running server, authenticated with apiKey (or none). */
export function apiClient(apiKey?: string, baseUrl = inject("baseUrl")): ApiClient {
  return httpApiClient(baseUrl, apiKey);
}

/** A client for the payment gateway API (/pg) of the running server. */
export function pgClient(apiKey?: string, baseUrl = inject("baseUrl")): ApiClient {
  return httpApiClient(baseUrl, apiKey, "/pg");
}
