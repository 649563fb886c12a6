import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { EXTENSION, operation, TAGS } from "./operation";
import { PingResponseSchema } from "./response-schemas";

// Operations of this vault that are not part of the Platform API itself.

export const OPENAPI_DOCUMENT_PATH = "/openapi.json";

export const servicePaths: ZodOpenApiPathsObject = {
  "/ping": {
    get: operation("get", {
      operationId: "ping",
      tag: TAGS.service,
      summary: "Check an API key",
      description: "Authenticates the key and does nothing else: the answer names the key's merchant.",
      answer: { data: PingResponseSchema },
      extension: true,
    }),
  },
  [OPENAPI_DOCUMENT_PATH]: {
    get: {
      operationId: "getOpenApiDocument",
      tags: [TAGS.service],
      summary: "This document",
      description: "The OpenAPI 3.1 description of this API, built from the schemas the routes parse with. Public: no API key needed.",
      security: [],
      responses: {
        200: { description: "The document", content: { "application/json": { schema: z.looseObject({ openapi: z.string() }) } } },
      },
      ...EXTENSION,
    },
  },
};
