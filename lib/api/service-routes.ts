import { z } from "zod";
import type { ZodOpenApiOperationObject } from "zod-openapi";
import { EXTENSION, TAGS } from "../openapi/operation";
import { PingResponseSchema } from "../openapi/response-schemas";
import { apiOperation, type ApiRoute } from "./api-operation";
import { success } from "./envelope";

// Operations of this vault that are not part of the Platform API itself.

export const pingRoute: ApiRoute = apiOperation(
  "GET",
  "/ping",
  {
    operationId: "ping",
    tag: TAGS.service,
    summary: "Check an API key",
    description: "Authenticates the key and does nothing else: the answer names the key's merchant.",
    answer: { data: PingResponseSchema },
    extension: true,
  },
  async ({ actor }) => success({ merchant_id: Number(actor.merchantId) }),
);

export const OPENAPI_DOCUMENT_PATH = "/openapi.json";

/** What the document says of itself (route-table.ts serves it). */
export const openApiDocumentOperation: ZodOpenApiOperationObject = {
  operationId: "getOpenApiDocument",
  tags: [TAGS.service],
  summary: "This document",
  description: "The OpenAPI 3.1 description of this API, built from the schemas the routes parse with. Public: no API key needed.",
  security: [],
  responses: {
    200: { description: "The document", content: { "application/json": { schema: z.looseObject({ openapi: z.string() }) } } },
  },
  ...EXTENSION,
};
