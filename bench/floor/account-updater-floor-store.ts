// What the Account Updater floor (bench/account-updater-floor.ts) asks of its
// database, the same on SQLite and PostgreSQL: the request's row, a batch of
// eligible cards read with their sealed numbers, and each batch's file,
// answered results, card changes, audit rows and events written in one
// transaction. Each store runs them on the product's own driver
// (better-sqlite3, pg) with nothing in between.

/** A card as the harvest chooses it (lib/account-updater/run/harvest.ts), with its sealed number as sending reads it. */
export type FloorCard = {
  id: string;
  customerId: string;
  fingerprint: string;
  maskedNumber: string;
  cardType: string;
  expDate: string;
  sealedNumber: Uint8Array;
};

/** One card's answered result row (the detail report). */
export type FloorResult = {
  cardId: string;
  fingerprint: string;
  maskedNumber: string;
  cardType: string;
  expDate: string;
  reasonCode: string;
  applied: string;
  maskedNumberNew: string | null;
  expDateNew: string | null;
};

/** A card changed in place: its new expiry, and for a new number its seal, mask, brand and fingerprint; applied only while it still has the number answered. */
export type FloorCardChange = {
  id: string;
  answeredFingerprint: string;
  expDate: string;
  sealedNumber: Uint8Array | null;
  kekVersion: number | null;
  maskedNumber: string | null;
  cardType: string | null;
  fingerprint: string | null;
};

export type FloorEvent = { eventId: string; type: string; payload: string };

/** One file's work, written in one transaction. */
export type FloorBatch = {
  merchantId: bigint;
  requestId: number;
  now: Date;
  sentDay: number;
  responseDate: string;
  networkRef: string;
  results: FloorResult[];
  changes: FloorCardChange[];
  /** vault_card_updated for each change, and on the last batch the request's created and completed events. */
  events: FloorEvent[];
  cntUpdate: number;
  /** The last batch completes the request. */
  last: boolean;
};

export interface AccountUpdaterFloorStore {
  /** The harvest's request row, INPROGRESS and choosing; answers its id. */
  startRequest(merchantId: bigint, requestDate: string, now: Date): Promise<number>;
  /** Up to `limit` of the merchant's cards after `after` in card_id order that the harvest may choose (type, hold, replacement). */
  cards(merchantId: bigint, after: string, limit: number): Promise<FloorCard[]>;
  write(batch: FloorBatch): Promise<void>;
  close(): Promise<void>;
}

/** The product's actor and audit action for a card an answer changed (lib/account-updater/run/apply-answers.ts). */
export const AU_ACTOR = "account_updater";
export const AU_UPDATE_ACTION = "card.au_update";

export const CARD_COLUMNS = `c."id", cu."customerId", c."fingerprint", c."maskedNumber", c."cardType", c."expDate", c."sealedNumber"`;
export const CARD_FROM = `FROM "Card" c JOIN "Customer" cu ON cu."id" = c."customerPk"`;
