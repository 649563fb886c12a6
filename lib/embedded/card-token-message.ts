// What the embedded form posts to the merchant's page (browser-safe: the
// result page renders it, lib/embedded/create-card-token.ts and
// lib/embedded/pay-with-embedded-form.ts make it).

/** The message's `type`, for the merchant's `message` listener. */
export const CARD_TOKEN_MESSAGE_TYPE = "customer-vault:card_token";

/**
 * The single-use token and the card as the API masks it; from a key made with
 * an amount, also the approved charge's pg_id and the amount approved.
 */
export type CardToken = {
  card_id: string;
  card_number: string;
  card_type: string;
  exp_date: string;
  expiry_time: string;
  pg_id?: string;
  amt_tran?: number;
};
