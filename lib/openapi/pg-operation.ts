import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiResponsesObject } from "zod-openapi";
import { EXTENSION, IdempotencyKeyHeader, TAGS } from "./operation";

// The payment gateway's operations (/pg) as the OpenAPI document shows them:
// the reference's PGApi*Response shapes, and the statuses the gateway answers
// with (docs/payments.md): 402 for a decline, 409 for a state refusal, 509
// when the outcome is not known.

const PG_ID = z
  .string()
  .regex(/^[0-9a-f]{32}$/)
  .meta({ description: "This vault's id for the transaction: 32 lowercase hex characters." });
const RCODE = z
  .string()
  .length(3)
  .meta({ description: '"000" approved, "010" partially approved, "0" + the network\'s code when declined; docs/payments.md lists the rest.' });
const ECHO = z.string().optional().meta({ description: "echo_fields of the request, unchanged." });

/** An approved transaction (PGApiTransactionResponse). */
export const PgTransactionResponseSchema = z
  .object({
    pg_id: PG_ID,
    rcode: RCODE,
    rmsg: z.string(),
    auth_code: z.string().max(6).optional(),
    auth_avs_result: z.string().length(1).optional(),
    auth_cvv2_result: z.string().length(1).optional(),
    card_id: z.string().optional().meta({ description: "The vault card the transaction was made on." }),
    card_number: z.string().optional().meta({ description: "The card, masked (verify only)." }),
    amt_tran: z.number().optional().meta({ description: "The amount approved, on a partial approval only." }),
    echo_fields: ECHO,
  })
  .meta({ id: "PGApiTransactionResponse" });

/** Any other answer of the gateway: a decline, a refusal, an unknown outcome. */
export const PgResponseSchema = z.object({ pg_id: PG_ID.optional(), rcode: RCODE, rmsg: z.string(), echo_fields: ECHO }).meta({ id: "PGApiResponse" });

const STATUS_WORDS: Record<number, string> = {
  400: "Bad request: rmsg names the field",
  401: "Missing or wrong API key",
  402: "Declined by the card network",
  403: "The merchant_id is not the key's",
  404: "No such pg_id for this merchant",
  409: "The transaction's state refuses the request (void after settlement, capture above the authorization, refund above what is left, anything on a voided transaction), a duplicate sale, or an Idempotency-Key conflict",
  413: "Body over 1 MB",
  415: "Content-Type must be application/json",
  500: "Internal error",
  509: "The gateway did not answer: the outcome is unknown and the transaction is recorded for reconciliation",
};

export type PgOperationSpec = {
  operationId: string;
  summary: string;
  description?: string;
  path?: z.ZodObject;
  body: z.ZodType;
  /** A follow-up of an earlier pg_id (capture, void, refund): it can answer 404. */
  followUp?: boolean;
  /** Not in the reference. */
  extension?: boolean;
};

export function pgOperation(spec: PgOperationSpec): ZodOpenApiOperationObject {
  const responses: ZodOpenApiResponsesObject = { 200: { description: "Approved", content: { "application/json": { schema: PgTransactionResponseSchema } } } };
  const statuses = [400, 401, 402, 403, ...(spec.followUp ? [404] : []), 409, 413, 415, 500, 509];
  for (const status of statuses) {
    responses[String(status) as `${1 | 2 | 3 | 4 | 5}${string}`] = {
      description: STATUS_WORDS[status] ?? String(status),
      content: { "application/json": { schema: PgResponseSchema } },
    };
  }
  return {
    operationId: spec.operationId,
    tags: [TAGS.payments],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    ...(spec.path ? { requestParams: { path: spec.path } } : {}),
    parameters: [IdempotencyKeyHeader],
    requestBody: { required: true, content: { "application/json": { schema: spec.body } } },
    responses,
    ...(spec.extension ? EXTENSION : {}),
  };
}
