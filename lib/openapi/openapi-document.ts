import "#server-only";
import { createDocument } from "zod-openapi";
import type { oas31 } from "zod-openapi";
import { checkoutPaths } from "./checkout-paths";
import { TAGS } from "./operation";
import { outgoingWebhooks } from "./outgoing-webhooks";
import { servicePaths } from "./service-paths";
import { vaultComponents, vaultPaths } from "./vault-paths";
import { webhookPaths } from "./webhook-paths";

// The project's own OpenAPI 3.1 document (docs/decisions/010), built once per
// process from the zod schemas the routes parse with. Served at
// GET /platform/openapi.json and shown at /docs/api.

export type OpenApiDocument = oas31.OpenAPIObject;

let built: OpenApiDocument | undefined;

/** The document; paths are relative to the server URL /platform, as the reference API writes them. */
export function openApiDocument(): OpenApiDocument {
  built ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "Customer Vault Platform API",
      version: "1.0.0",
      description:
        "The Customer Vault operations of the Platform API, served under /platform, plus a few of this vault's own (marked x-vault-extension). Every answer is an envelope {code, message, data}; the codes are listed in docs/api-errors.md and the behaviours the schemas cannot show in docs/api-contract.md.",
    },
    servers: [{ url: "/platform" }],
    security: [{ basicAuth: [] }],
    tags: [
      { name: TAGS.vault, description: "Customers, their cards (stored sealed, shown masked) and shipping addresses." },
      { name: TAGS.checkout, description: "Single-use links to the hosted card page." },
      { name: TAGS.embedded, description: "The card form a merchant frames on its own page." },
      { name: TAGS.webhooks, description: "Endpoints the worker sends the vault's events to, and their deliveries." },
      { name: TAGS.service, description: "This vault's own operations, outside the Platform API." },
    ],
    paths: { ...vaultPaths, ...checkoutPaths, ...webhookPaths, ...servicePaths },
    webhooks: outgoingWebhooks,
    components: {
      schemas: vaultComponents,
      securitySchemes: {
        basicAuth: {
          type: "http",
          scheme: "basic",
          description: "HTTP Basic with a merchant API key as the user name (empty password) or as the password. A missing or wrong key is a 401.",
        },
      },
    },
  });
  return built;
}
