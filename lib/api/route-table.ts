import "#server-only";
import { accountUpdaterRoutes } from "./account-updater-routes";
import type { ApiRoute } from "./api-operation";
import { publicOperation } from "./api-operation";
import { billingRoutes } from "./billing-routes";
import { buildOpenApiDocument, type OpenApiDocument } from "./openapi-document";
import { checkoutRoutes } from "./checkout-routes";
import { paymentRoutes } from "./payment-routes";
import { sandboxRoutes } from "./sandbox-routes";
import { OPENAPI_DOCUMENT_PATH, openApiDocumentOperation, pingRoute } from "./service-routes";
import { subscriptionRoutes } from "./subscription-routes";
import { vaultRoutes } from "./vault-routes";
import { webhookRoutes } from "./webhook-routes";

// Every operation of the API, in one table. Each entry names its method and
// path, what the OpenAPI document says of it (with the zod schemas it parses
// with) and its handler; lib/api/api-router.ts serves the table and
// openapi-document.ts describes it, so the two cannot disagree. A new
// operation is a new entry in its area's *-routes.ts file.

let document: OpenApiDocument | undefined;

/** The API's OpenAPI document, built once per process from the table. */
export function openApiDocument(): OpenApiDocument {
  document ??= buildOpenApiDocument(API_ROUTES);
  return document;
}

export const API_ROUTES: readonly ApiRoute[] = [
  ...vaultRoutes,
  ...checkoutRoutes,
  ...webhookRoutes,
  ...paymentRoutes,
  ...billingRoutes,
  ...subscriptionRoutes,
  ...accountUpdaterRoutes,
  ...sandboxRoutes,
  pingRoute,
  // The document changes only with a new build: caches may keep it a while.
  publicOperation("GET", OPENAPI_DOCUMENT_PATH, openApiDocumentOperation, async () => ({
    status: 200,
    body: openApiDocument() as unknown as Record<string, unknown>,
    headers: { "cache-control": "public, max-age=3600" },
  })),
];
