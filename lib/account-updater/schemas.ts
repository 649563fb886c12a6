import { z } from "zod";
import { browseQuerySchema } from "../paging/browse-query";
import { CardIdSchema, CustomerIdSchema } from "../vault/schemas";
import { REASON_CODES } from "./reason-codes";
import { REQUEST_METHODS, REQUEST_STATUSES } from "./request-status";

// Request and response shapes of the Account Updater operations (the
// reference's CreateAccountUpdaterRequest, AusRequest, AusHoldRequest,
// AusReleaseRequest, AccountUpdaterSummary, AccountUpdaterDetail, AusResponse
// and their envelopes): names, enums and types are its own; unknown fields
// are ignored. The rules between fields and rows (a card's eligibility, who
// owns it) are in ./requests/ and ./reports/ (docs/account-updater.md).

/** The most cards one request may name. */
export const MAX_REQUEST_CARDS = 100;

/** An /aus/add entry's own card_id: the merchant's reference for a number it sends, never looked up. */
export const REFERENCE_PATTERN = /^[A-Za-z0-9]{1,32}$/;

const EXP_DATE = /^(0[1-9]|1[0-2])\d{2}$/;

/** Refuses a card_id named twice: each card is sent once per request. */
function refuseRepeats(ids: (string | undefined)[], ctx: z.RefinementCtx, path: (i: number) => (string | number)[]): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (id === undefined) return;
    if (seen.has(id)) ctx.addIssue({ code: "custom", path: path(i), message: "is repeated: name each card once" });
    seen.add(id);
  });
}

/** POST /aus/request/create: the vault cards to send. */
export const CreateRequestSchema = z
  .object({
    card_id: z.array(CardIdSchema).min(1, "must name at least 1 card").max(MAX_REQUEST_CARDS, `must name at most ${MAX_REQUEST_CARDS} cards`),
  })
  .superRefine((body, ctx) => refuseRepeats(body.card_id, ctx, (i) => ["card_id", i]));
export type CreateRequestInput = z.infer<typeof CreateRequestSchema>;

/**
 * One /aus/add entry: a number the merchant sends (card_number and exp_date,
 * with its own card_id as a reference), or a vault card (card_id alone).
 * The number's own rules (Luhn, brand) are checked by ./requests/add-request.ts,
 * which knows the entry's index.
 */
export const AddEntrySchema = z
  .object({
    card_id: z.string().optional(),
    card_number: z.string().optional(),
    exp_date: z.string().optional(),
  })
  .superRefine((entry, ctx) => {
    if (entry.card_number !== undefined) {
      if (entry.exp_date === undefined) ctx.addIssue({ code: "custom", path: ["exp_date"], message: "is required with card_number" });
      else if (!EXP_DATE.test(entry.exp_date)) ctx.addIssue({ code: "custom", path: ["exp_date"], message: "must be MMYY" });
      if (entry.card_id !== undefined && !REFERENCE_PATTERN.test(entry.card_id)) {
        ctx.addIssue({ code: "custom", path: ["card_id"], message: "must be 1 to 32 letters and digits" });
      }
      return;
    }
    if (entry.card_id === undefined) ctx.addIssue({ code: "custom", path: ["card_id"], message: "is required without card_number" });
    else if (!CardIdSchema.safeParse(entry.card_id).success) {
      ctx.addIssue({ code: "custom", path: ["card_id"], message: "must be a vault card_id (32 lowercase hex characters) without card_number" });
    }
  });
export type AddEntry = z.infer<typeof AddEntrySchema>;

/** POST /aus/add. */
export const AddRequestSchema = z
  .object({
    data: z.array(AddEntrySchema).min(1, "must hold at least 1 entry").max(MAX_REQUEST_CARDS, `must hold at most ${MAX_REQUEST_CARDS} entries`),
  })
  .superRefine((body, ctx) =>
    refuseRepeats(
      body.data.map((entry) => (entry.card_number === undefined ? entry.card_id : undefined)),
      ctx,
      (i) => ["data", i, "card_id"],
    ),
  );
export type AddRequestInput = z.infer<typeof AddRequestSchema>;

/** POST /aus/hold and /aus/release: a card, or all of a customer's cards; card_id wins when both are given. */
export const HoldRequestSchema = z
  .object({
    card_id: CardIdSchema.optional(),
    customer_id: CustomerIdSchema.optional(),
    merchant_id: z.number().int().optional().meta({ description: "Optional: the key's own merchant id (or 0). Any other is a 403." }),
  })
  .superRefine((body, ctx) => {
    if (body.card_id === undefined && body.customer_id === undefined) {
      ctx.addIssue({ code: "custom", path: ["card_id"], message: "card_id or customer_id is required" });
    }
  });
export type HoldRequestInput = z.infer<typeof HoldRequestSchema>;

/** request_id in a path: an integer; one past the column's range cannot exist, so it is a 404 (./get-request-or-throw.ts). */
export const RequestIdPathSchema = z.object({
  request_id: z
    .string()
    .regex(/^\d{1,10}$/, "must be an integer of at most 10 digits")
    .transform(Number),
});
/** GET /aus/{requestId}: the reference names its path parameter so. */
export const RequestIdCamelPathSchema = z.object({ requestId: RequestIdPathSchema.shape.request_id });

/** The fields the summaries sort on, and their columns; request_date (newest first) is the default. */
export const SUMMARY_SORT_FIELDS = {
  request_date: "requestDate",
  request_id: "id",
  status: "status",
  method: "method",
  cnt_request: "cntRequest",
  cnt_response: "cntResponse",
  cnt_update: "cntUpdate",
} as const;
/** The fields the summaries filter on (text columns, never null). */
export const SUMMARY_FILTER_FIELDS = { request_date: "requestDate", status: "status", method: "method" } as const;
export const SUMMARY_REQUIRED_COLUMNS = ["requestDate", "status", "method"];
export const BrowseSummariesQuerySchema = browseQuerySchema(SUMMARY_SORT_FIELDS, { orderOn: "request_date", orderBy: "desc" });
export type BrowseSummariesQuery = z.infer<typeof BrowseSummariesQuerySchema>;

/** The fields the detail reports sort on; request_date is the request's, the rest the card's own. */
export const DETAIL_SORT_FIELDS = {
  request_date: "requestDate",
  request_id: "requestId",
  response_date: "responseDate",
  card_id: "cardId",
  reason_code: "reasonCode",
  exp_date: "expDate",
} as const;
/** The fields they filter on (text columns of the result). */
export const DETAIL_FILTER_FIELDS = { response_date: "responseDate", card_id: "cardId", reason_code: "reasonCode", exp_date: "expDate" } as const;
export const DETAIL_REQUIRED_COLUMNS = ["expDate"];
export const BrowseDetailsQuerySchema = browseQuerySchema(DETAIL_SORT_FIELDS, { orderOn: "request_date", orderBy: "desc" });
export type BrowseDetailsQuery = z.infer<typeof BrowseDetailsQuerySchema>;

// ---- Answers ----

const MASKED = /^\d{6}x+\d{4}$/;
const requestId = z.number().int();
const merchantId = z.number().int();
const status = z.enum(REQUEST_STATUSES);
const day = z.string().meta({ description: "YYYY-MM-DD, on the merchant's clock." });

export const CreateRequestResponseSchema = z.object({ request_id: requestId }).meta({ id: "CreateAccountUpdaterResponse" });
export type CreateRequestResponse = z.infer<typeof CreateRequestResponseSchema>;

/** /aus/add answers request_id as a string, as the reference's AusRequestId does. */
export const AddRequestResponseSchema = z.object({ request_id: z.string().regex(/^\d+$/) }).meta({ id: "AusRequestId" });
export type AddRequestResponse = z.infer<typeof AddRequestResponseSchema>;

export const RejectedCardSchema = z.object({ card_id: z.string(), reject_reason: z.string() }).meta({ id: "RejectedCards" });
export type RejectedCardResponse = z.infer<typeof RejectedCardSchema>;

export const CancelResponseSchema = z
  .object({
    request_id: requestId,
    merchant_id: merchantId,
    status,
    cnt_request: z.number().int(),
    cnt_response: z.number().int(),
    cnt_update: z.number().int(),
    request_date: day,
  })
  .meta({ id: "CancelAccountUpdaterResponse" });
export type CancelResponse = z.infer<typeof CancelResponseSchema>;

export const SummaryResponseSchema = z
  .object({
    request_id: requestId,
    merchant_id: merchantId,
    status,
    method: z.enum(REQUEST_METHODS),
    cnt_request: z.number().int(),
    cnt_response: z.number().int(),
    cnt_update: z.number().int(),
    request_date: day,
    rejected_cards: z.array(RejectedCardSchema),
  })
  .meta({ id: "AccountUpdaterSummary" });
export type SummaryResponse = z.infer<typeof SummaryResponseSchema>;

export const DetailResponseSchema = z
  .object({
    merchant_id: merchantId,
    request_id: requestId,
    request_date: day,
    response_date: day.optional().meta({ description: "Absent until the network has answered." }),
    card_id: z.string().optional().meta({ description: "The vault card, or the merchant's own card_id sent with the number (/aus/add)." }),
    card_number: z.string().regex(MASKED),
    exp_date: z.string(),
    card_number_new: z.string().regex(MASKED).optional(),
    exp_date_new: z.string().optional(),
    reason_code: z.enum(REASON_CODES).optional(),
    billable: z.boolean().optional().meta({ description: "Once answered: true for the matches (201 to 204)." }),
  })
  .meta({ id: "AccountUpdaterDetail" });
export type DetailResponse = z.infer<typeof DetailResponseSchema>;

export const UpdatedResponseSchema = z
  .object({
    card_id: z.string().optional(),
    card_number: z.string().meta({ description: "In full for a number the merchant sent with /aus/add; masked for vault cards." }),
    exp_date: z.string(),
    reason_code: z.enum(REASON_CODES).optional(),
    card_number_new: z.string().optional(),
    exp_date_new: z.string().optional(),
  })
  .meta({ id: "AusResponse" });
export type UpdatedResponse = z.infer<typeof UpdatedResponseSchema>;
