// What the embedded form posts to the merchant's page (browser-safe: the
// result page renders it, lib/embedded/create-card-token.ts makes it).

/** The message's `type`, for the merchant's `message` listener. */
export const CARD_TOKEN_MESSAGE_TYPE = "customer-vault:card_token";

/** The single-use token and the card as the API masks it. */
export type CardToken = { card_id: string; card_number: string; card_type: string; exp_date: string; expiry_time: string };
