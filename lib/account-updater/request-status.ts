// A request's life (docs/account-updater.md, "Requests"): INPROGRESS while
// some of its files are still to be sent, QUEUED once the network has them
// all, COMPLETED once every answer is applied; CANCELED by the merchant at
// any point before COMPLETED, after which nothing of it is applied.

export const REQUEST_STATUSES = ["INPROGRESS", "QUEUED", "COMPLETED", "CANCELED"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_METHODS = ["harvest_cust_vault", "harvest_card_vault", "harvest_card_id", "harvest_api"] as const;
export type RequestMethod = (typeof REQUEST_METHODS)[number];

/** The statuses a request can still be cancelled in. */
export const OPEN_STATUSES: readonly RequestStatus[] = ["INPROGRESS", "QUEUED"];

/** The cards of one network file: a harvest of 100,000 cards is sent as 100 files, each answered and applied on its own. */
export const FILE_SIZE = 1000;
