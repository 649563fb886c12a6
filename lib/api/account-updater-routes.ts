import { getSummary } from "../account-updater/reports/get-summary";
import { browseDetails, browseRequestDetails } from "../account-updater/reports/browse-details";
import { browseSummaries } from "../account-updater/reports/browse-summaries";
import { getUpdatedResults } from "../account-updater/reports/get-updated-results";
import { holdCards, releaseCards } from "../account-updater/holds";
import { addRequest } from "../account-updater/requests/add-request";
import { cancelRequest } from "../account-updater/requests/cancel-request";
import { createRequest } from "../account-updater/requests/create-request";
import {
  AddRequestResponseSchema,
  AddRequestSchema,
  BrowseDetailsQuerySchema,
  BrowseSummariesQuerySchema,
  CancelResponseSchema,
  CreateRequestResponseSchema,
  CreateRequestSchema,
  DETAIL_FILTER_FIELDS,
  DETAIL_SORT_FIELDS,
  DetailResponseSchema,
  HoldRequestSchema,
  MAX_REQUEST_CARDS,
  RequestIdCamelPathSchema,
  RequestIdPathSchema,
  SUMMARY_FILTER_FIELDS,
  SUMMARY_SORT_FIELDS,
  SummaryResponseSchema,
  UpdatedResponseSchema,
} from "../account-updater/schemas";
import { browseQueryDescriptions } from "../openapi/browse-query-descriptions";
import { describeFields, TAGS } from "../openapi/operation";
import { apiOperation, type ApiRoute } from "./api-operation";
import { success, successList, successMessage } from "./envelope";

// The Account Updater operations (docs/account-updater.md): requests by
// card_id or by number, cancelling one, the summary and detail reports, and
// holds. Requests need the merchant to be enrolled; reports, cancels and
// holds do not.

const tag = TAGS.accountUpdater;
const idDescription = "The request_id (an integer).";
const idPath = describeFields(RequestIdPathSchema, { request_id: idDescription });
const camelIdPath = describeFields(RequestIdCamelPathSchema, { requestId: idDescription });
const summaryQuery = describeFields(
  BrowseSummariesQuerySchema,
  browseQueryDescriptions(Object.keys(SUMMARY_FILTER_FIELDS), "request_date", "desc", Object.keys(SUMMARY_SORT_FIELDS)),
);
const detailDescriptions = browseQueryDescriptions(Object.keys(DETAIL_FILTER_FIELDS), "request_date", "desc", Object.keys(DETAIL_SORT_FIELDS));
const detailQuery = describeFields(BrowseDetailsQuerySchema, detailDescriptions);
// The reference pages GET /aus/{requestId}'s answer without saying how: the same parameters as the detail report's.
const updatedQuery = describeFields(BrowseDetailsQuerySchema, detailDescriptions, { extension: true });

const notEnrolled = "A merchant not enrolled in the Account Updater is refused (403).";
const rejectedRule =
  "Cards that are not the merchant's (unknown or another merchant's: 'Invalid card id. Card not found.') or may not be sent (not Visa, Mastercard, Discover or American Express; on hold; replaced; expired more than 3 years ago) are not sent and are listed in the request's rejected_cards.";
const holdRule =
  "card_id or customer_id is required; when both are given, only card_id is used. A card or customer that is not the merchant's is a 404. Works whether or not the merchant is enrolled.";

export const accountUpdaterRoutes: ApiRoute[] = [
  apiOperation(
    "POST",
    "/aus/request/create",
    {
      operationId: "createAusRequest",
      tag,
      summary: "Create an Account Updater request using card IDs",
      description: `Sends 1 to ${MAX_REQUEST_CARDS} vault cards (each card_id once) to the Account Updater; method harvest_card_id. ${rejectedRule} ${notEnrolled}`,
      body: CreateRequestSchema,
      answer: { data: CreateRequestResponseSchema },
    },
    async ({ actor, body }) => success(await createRequest(actor, body)),
  ),
  apiOperation(
    "POST",
    "/aus/add",
    {
      operationId: "addAusJsonRequest",
      tag,
      summary: "Submit an Account Updater request",
      description: `1 to ${MAX_REQUEST_CARDS} entries; method harvest_api. An entry with card_number sends that number (Luhn-valid, a known brand) with its exp_date (MMYY, required); its card_id (optional, up to 32 letters and digits) is the merchant's own reference, echoed in the reports. An entry without card_number names a vault card by card_id, as /aus/request/create does. ${rejectedRule} A rejected number is listed under its entry's card_id, or its masked number. ${notEnrolled}`,
      body: AddRequestSchema,
      answer: { data: AddRequestResponseSchema },
    },
    async ({ actor, body }) => success(await addRequest(actor, body)),
  ),
  apiOperation(
    "POST",
    "/aus/request/cancel/{request_id}",
    {
      operationId: "cancelAusRequest",
      tag,
      summary: "Cancel an Account Updater request",
      description:
        "An INPROGRESS or QUEUED request becomes CANCELED: nothing more of it is sent, and no answer to it is applied. A COMPLETED or CANCELED request is a 409.",
      path: idPath,
      answer: { data: CancelResponseSchema },
      conflict: true,
    },
    async ({ actor, params }) => success(await cancelRequest(actor, params.request_id)),
  ),
  apiOperation(
    "GET",
    "/aus/request/summary",
    {
      operationId: "browseAusRequestsSummary",
      tag,
      summary: "Get the summary of all Account Updater requests",
      description: "The merchant's requests, monthly harvests and its own, every status.",
      query: summaryQuery,
      answer: { list: SummaryResponseSchema },
    },
    async ({ actor, query }) => successList(await browseSummaries(actor.merchantId, query)),
  ),
  apiOperation(
    "GET",
    "/aus/request/summary/{request_id}",
    { operationId: "getAusSummary", tag, summary: "Get the summary of an Account Updater request", path: idPath, answer: { data: SummaryResponseSchema } },
    async ({ actor, params }) => success(await getSummary(actor.merchantId, params.request_id)),
  ),
  apiOperation(
    "GET",
    "/aus/request/detail",
    {
      operationId: "browseAusRequestsDetail",
      tag,
      summary: "Get the detailed list of all Account Updater results",
      description: "Every card the merchant's requests sent, and the answer once there is one. Card numbers are masked.",
      query: detailQuery,
      answer: { list: DetailResponseSchema },
    },
    async ({ actor, query }) => successList(await browseDetails(actor.merchantId, query)),
  ),
  apiOperation(
    "GET",
    "/aus/request/detail/{request_id}",
    {
      operationId: "getAusDetail",
      tag,
      summary: "Get the detailed list of an Account Updater request",
      description:
        "The cards one request sent, and the answers once there are some, paged as the other reports (the reference's one-record answer is a list here). Card numbers are masked.",
      path: idPath,
      query: detailQuery,
      answer: { list: DetailResponseSchema },
    },
    async ({ actor, params, query }) => successList(await browseRequestDetails(actor.merchantId, params.request_id, query)),
  ),
  apiOperation(
    "GET",
    "/aus/{requestId}",
    {
      operationId: "getAusResponse",
      tag,
      summary: "Get Account Updater results (full card number requests)",
      description:
        "One request's results. A number the merchant sent with /aus/add, and the new number given for it, are shown in full; vault cards stay masked.",
      path: camelIdPath,
      query: updatedQuery,
      answer: { list: UpdatedResponseSchema },
    },
    async ({ actor, params, query }) => successList(await getUpdatedResults(actor.merchantId, params.requestId, query)),
  ),
  apiOperation(
    "POST",
    "/aus/hold",
    {
      operationId: "putOnAusHold",
      tag,
      summary: "Put cards on Account Updater hold",
      description: `A card, or every card of a customer, is kept out of Account Updater requests and harvests until released. ${holdRule}`,
      body: HoldRequestSchema,
      answer: "message",
      notFound: true,
    },
    async ({ actor, body }) => successMessage(heldMessage(await holdCards(actor, body), "put on")),
  ),
  apiOperation(
    "POST",
    "/aus/release",
    {
      operationId: "releaseFromAusHold",
      tag,
      summary: "Release cards from Account Updater hold",
      description: `Lifts the hold on a card, or on every card of a customer, whoever put it there (the merchant, or a 203 or 204 answer). ${holdRule}`,
      body: HoldRequestSchema,
      answer: "message",
      notFound: true,
    },
    async ({ actor, body }) => successMessage(heldMessage(await releaseCards(actor, body), "released from")),
  ),
];

function heldMessage(cardIds: string[], what: string): string {
  return `${cardIds.length} ${cardIds.length === 1 ? "card" : "cards"} ${what} Account Updater hold`;
}
