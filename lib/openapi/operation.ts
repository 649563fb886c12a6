import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiResponsesObject } from "zod-openapi";
import { errorDescription, errorEnvelope, listEnvelope, MessageEnvelopeSchema, successEnvelope } from "./envelope-schemas";

// One place that turns a short description of an operation into its OpenAPI
// operation, so every operation gets the same envelope, the same error
// responses for what the API's pipeline (lib/api/api-operation.ts) can answer,
// and the same marking of what goes beyond the reference API.

export const TAGS = {
  vault: "Customer Vault",
  checkout: "Checkout",
  embedded: "Embedded Fields",
  webhooks: "Webhooks",
  payments: "payment-gateway",
  transactions: "Transactions",
  billing: "Recurring Billing",
  accountUpdater: "Account Updater",
  service: "Service",
} as const;
export type Tag = (typeof TAGS)[keyof typeof TAGS];

/** Marks an operation or parameter that the reference Platform API does not have. */
export const EXTENSION = { "x-vault-extension": true } as const;

type ObjectSchema = z.ZodObject;

export type OperationSpec = {
  operationId: string;
  tag: Tag;
  summary: string;
  description?: string;
  path?: ObjectSchema;
  /** How the document shows the path, where it says more than the schema the route parses with (an enum the handler checks itself). */
  pathShownAs?: ObjectSchema;
  query?: ObjectSchema;
  body?: z.ZodType;
  /** What `data` holds; "message" for an answer without data. */
  answer: { data: z.ZodType } | { list: z.ZodType } | "message";
  /** The operation can answer 404 without a path parameter (an id in the body). */
  notFound?: boolean;
  /** The operation can answer 409 (duplicates, a card in use); every POST can through its Idempotency-Key. */
  conflict?: boolean;
  /** The operation can answer 429: a rate limit (the duplicate-card limit on card adds). */
  rateLimited?: boolean;
  /** Not in the reference: served by this vault only. */
  extension?: boolean;
};

const RequestIdHeader = z.string().meta({ description: "The id of this request's line in the server log.", header: { id: "RequestId" } });
const ReplayedHeader = z
  .literal("true")
  .meta({ description: "Present when the answer is a replay of an earlier request with the same Idempotency-Key.", header: { id: "IdempotentReplayed" } });

export const IdempotencyKeyHeader = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/)
  .optional()
  .meta({
    description:
      "A retry with the same key and body gets the first answer again and stores nothing new; the same key with another body, or while the first is still running, is a 409 (code 9). Scoped to merchant, method and path; kept 24 hours.",
    param: { id: "IdempotencyKey", in: "header", name: "Idempotency-Key", ...EXTENSION },
  });

function successResponse(spec: OperationSpec, method: string) {
  const schema = spec.answer === "message" ? MessageEnvelopeSchema : "list" in spec.answer ? listEnvelope(spec.answer.list) : successEnvelope(spec.answer.data);
  const headers =
    method === "post"
      ? z.object({ "x-request-id": RequestIdHeader, "idempotent-replayed": ReplayedHeader.optional() })
      : z.object({ "x-request-id": RequestIdHeader });
  return { description: "Success (code 0)", headers, content: { "application/json": { schema } } };
}

/** The error statuses the route wrapper can give this operation. */
export function errorStatuses(spec: OperationSpec, method: string): number[] {
  const statuses = [400, 401, 403];
  if (spec.path || spec.notFound) statuses.push(404);
  if (spec.conflict || method === "post") statuses.push(409);
  if (spec.body) statuses.push(413, 415);
  if (spec.rateLimited) statuses.push(429);
  statuses.push(500);
  return statuses;
}

/** The OpenAPI operation for an authenticated /platform operation. */
export function operation(method: "get" | "post" | "put" | "delete", spec: OperationSpec): ZodOpenApiOperationObject {
  const responses: ZodOpenApiResponsesObject = { 200: successResponse(spec, method) };
  const path = spec.pathShownAs ?? spec.path;
  for (const status of errorStatuses(spec, method)) {
    responses[String(status) as `${1 | 2 | 3 | 4 | 5}${string}`] = {
      description: errorDescription(status),
      content: { "application/json": { schema: errorEnvelope(status) } },
    };
  }
  return {
    operationId: spec.operationId,
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    ...(path || spec.query ? { requestParams: { ...(path ? { path } : {}), ...(spec.query ? { query: spec.query } : {}) } } : {}),
    ...(method === "post" ? { parameters: [IdempotencyKeyHeader] } : {}),
    ...(spec.body ? { requestBody: { required: true, content: { "application/json": { schema: spec.body } } } } : {}),
    responses,
    ...(spec.extension ? EXTENSION : {}),
  };
}

/**
 * The object schema with a description on some of its fields (the area's
 * schema stays the source of the rules). `extension`: those fields are
 * parameters the reference does not have, marked as such.
 */
export function describeFields<S extends ObjectSchema>(
  schema: S,
  descriptions: Partial<Record<keyof S["shape"] & string, string>>,
  options: { extension?: boolean } = {},
): S {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, description] of Object.entries(descriptions)) {
    const field = schema.shape[name] as z.ZodType | undefined;
    if (!field) throw new Error(`No field ${name} to describe`);
    shape[name] = field.meta({ description: description as string, ...(options.extension ? { param: { ...EXTENSION } } : {}) });
  }
  // The same fields with descriptions added: it parses exactly as `schema` does.
  return schema.extend(shape) as unknown as S;
}
