import "#server-only";
import { createDocument } from "zod-openapi";
import type { oas31 } from "zod-openapi";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { TAGS } from "../openapi/operation";
import { outgoingWebhooks } from "../openapi/outgoing-webhooks";
import type { ApiRoute } from "./api-operation";
import { vaultComponents } from "./vault-routes";

// The project's own OpenAPI 3.1 document (docs/decisions/010), built from the
// route table (route-table.ts): each operation's entry there is both what the
// server runs and what the document says, with the zod schemas the route
// parses with. Served at GET /platform/openapi.json and shown at /docs/api.

export type OpenApiDocument = oas31.OpenAPIObject;

/** The document for these routes; paths are relative to the server URL /platform, or /pg for the payment gateway's, as the reference API writes them. */
export function buildOpenApiDocument(routes: readonly ApiRoute[]): OpenApiDocument {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    // The payment gateway's paths live under /pg, as the reference's do: a server of their own.
    const servers = route.prefix === "/platform" ? {} : { servers: [{ url: route.prefix }] };
    paths[route.path] = { ...paths[route.path], ...servers, [route.method.toLowerCase()]: route.openapi };
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Customer Vault Platform API",
      version: "1.0.0",
      description:
        "The Customer Vault operations of the Platform API, served under /platform, the payment gateway's under /pg, plus a few of this vault's own (marked x-vault-extension). Every /platform answer is an envelope {code, message, data}; the codes are listed in docs/api-errors.md and the behaviours the schemas cannot show in docs/api-contract.md. The gateway answers {rcode, rmsg, pg_id} (docs/payments.md).",
    },
    servers: [{ url: "/platform" }],
    security: [{ basicAuth: [] }],
    tags: [
      { name: TAGS.vault, description: "Customers, their cards (stored sealed, shown masked) and shipping addresses." },
      { name: TAGS.checkout, description: "Single-use links to the hosted card page." },
      { name: TAGS.embedded, description: "The card form a merchant frames on its own page." },
      { name: TAGS.webhooks, description: "Endpoints the worker sends the vault's events to, and their deliveries." },
      {
        name: TAGS.payments,
        description:
          "The payment gateway, under /pg: charges on vault cards and keyed cards through the merchant's connector. Answers are {rcode, rmsg, pg_id}; docs/payments.md lists the codes.",
      },
      { name: TAGS.transactions, description: "Every request that reached a connector, declines and unknown outcomes included." },
      { name: TAGS.billing, description: "Plans: what a subscription bills, how often and on which day, with trials, setup fees and prorated first payments." },
      {
        name: TAGS.accountUpdater,
        description:
          "Asking the card networks for cards' new numbers and expiry dates: requests by card_id or by number, their summary and detail reports, and holds that keep cards out of harvests.",
      },
      { name: TAGS.service, description: "This vault's own operations, outside the Platform API." },
    ],
    paths,
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
}
