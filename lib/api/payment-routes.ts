import { browseQueryDescriptions } from "../openapi/browse-query-descriptions";
import { describeFields, TAGS } from "../openapi/operation";
import { pgOperation as pgDocument } from "../openapi/pg-operation";
import { TransactionDetailSchema, TransactionResponseSchema } from "../openapi/response-schemas";
import { browseTransactions } from "../payments/browse-transactions";
import { chargeCard, type ChargeType } from "../payments/charge-card";
import { followUp, type FollowUpType } from "../payments/follow-up";
import { getTransaction } from "../payments/get-transaction";
import { expireToken, tokenizeCard } from "../payments/card-tokens";
import {
  PgAmountRequestSchema,
  PgExpireTokenRequestSchema,
  PgPathSchema,
  PgTokenizeRequestSchema,
  PgTransactionRequestSchema,
  PgVoidRequestSchema,
} from "../payments/schemas";
import { TRANSACTION_FILTER_FIELDS, TransactionBrowseQuerySchema } from "../payments/transaction-schemas";
import { apiOperation, pgOperation, type ApiRoute } from "./api-operation";
import { success, successList } from "./envelope";

// The payment gateway API under /pg (the reference's payment-gateway tag),
// and the transactions it records under /platform (this vault's own).

const CARD_SOURCE =
  "The card is exactly one of: card_id (a vault card), customer_id alone (that customer's primary card), or card_number with exp_date. An exp_date sent with a card_id is for this transaction only; cvv2 goes to the connector and is never stored.";

const charges: { type: ChargeType; path: string; operationId: string; summary: string; description: string }[] = [
  { type: "sale", path: "/sale", operationId: "Sale", summary: "Sale (auth and capture)", description: `Authorizes and captures at once. ${CARD_SOURCE}` },
  { type: "auth", path: "/auth", operationId: "Authorization", summary: "Authorize", description: `Holds the amount until a capture. ${CARD_SOURCE}` },
  {
    type: "verify",
    path: "/verify",
    operationId: "Verify",
    summary: "Verify a card",
    description: `Checks the card without moving money (amt_tran 0 or absent). ${CARD_SOURCE}`,
  },
  {
    type: "credit",
    path: "/credit",
    operationId: "Credit",
    summary: "Credit a card",
    description: `Sends money to a card, unlinked to a sale. ${CARD_SOURCE}`,
  },
];

const followUps: { type: FollowUpType; path: string; operationId: string; summary: string; description: string }[] = [
  {
    type: "capture",
    path: "/capture/{pg_id}",
    operationId: "Capture",
    summary: "Capture an authorization",
    description: "Captures up to the authorized amount, once.",
  },
  {
    type: "void",
    path: "/void/{pg_id}",
    operationId: "Void",
    summary: "Void a transaction",
    description: "Voids a sale, auth, refund or credit before its batch settles.",
  },
  {
    type: "refund",
    path: "/refund/{pg_id}",
    operationId: "Refund",
    summary: "Refund a captured transaction",
    description: "Returns part or all of a captured amount; refunds together never pass it.",
  },
];

const pgPath = describeFields(PgPathSchema, { pg_id: "The pg_id of the earlier transaction." });
const tag = TAGS.transactions;
const browseQuery = describeFields(TransactionBrowseQuerySchema, browseQueryDescriptions(Object.keys(TRANSACTION_FILTER_FIELDS), "tran_time", "desc"));

export const paymentRoutes: ApiRoute[] = [
  ...charges.map(({ type, path, ...doc }) =>
    pgOperation(path, { body: PgTransactionRequestSchema }, pgDocument({ ...doc, body: PgTransactionRequestSchema }), ({ actor, body }) =>
      chargeCard(actor, type, body),
    ),
  ),
  ...followUps.map(({ type, path, ...doc }) => {
    const body = type === "void" ? PgVoidRequestSchema : PgAmountRequestSchema;
    return pgOperation(path, { path: PgPathSchema, body }, pgDocument({ ...doc, path: pgPath, body, followUp: true }), ({ actor, params, body }) =>
      followUp(actor, type, params.pg_id, body),
    );
  }),
  pgOperation(
    "/tokenize",
    { body: PgTokenizeRequestSchema },
    pgDocument({
      operationId: "Tokenize",
      summary: "Store a card as a token",
      description:
        "Stores a keyed card without a customer and answers its card_id, for later charges; the same card again answers the same card_id. With a token's card_id instead of a number, changes its exp_date and AVS details.",
      body: PgTokenizeRequestSchema,
    }),
    ({ actor, body }) => tokenizeCard(actor, body),
  ),
  pgOperation(
    "/expireToken",
    { body: PgExpireTokenRequestSchema },
    pgDocument({
      operationId: "Expire",
      summary: "Expire a token",
      description: "Removes a token: charges on its card_id are refused from then on.",
      body: PgExpireTokenRequestSchema,
    }),
    ({ actor, body }) => expireToken(actor, body),
  ),
  apiOperation(
    "GET",
    "/transaction",
    {
      operationId: "browseTransactions",
      tag,
      summary: "Browse transactions",
      query: browseQuery,
      answer: { list: TransactionResponseSchema },
      extension: true,
    },
    async ({ actor, query }) => successList(await browseTransactions(actor.merchantId, query)),
  ),
  apiOperation(
    "GET",
    "/transaction/{pg_id}",
    { operationId: "getTransaction", tag, summary: "Get a transaction", path: pgPath, answer: { data: TransactionDetailSchema }, extension: true },
    async ({ actor, params }) => success(await getTransaction(actor.merchantId, params.pg_id)),
  ),
];
