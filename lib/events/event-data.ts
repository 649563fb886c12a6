// The "data" of the vault's own card events: what the API shows of a card,
// masked. Built in one place so no event can carry more.

type CardForEvent = { id: string; maskedNumber: string; cardType: string; expDate: string };

export function cardEventData(customerId: string, card: CardForEvent): Record<string, string> {
  return {
    customer_id: customerId,
    card_id: card.id,
    card_number: card.maskedNumber,
    card_type: card.cardType,
    exp_date: card.expDate,
  };
}

type TransactionForEvent = {
  pgId: string;
  type: string;
  status: string;
  amount: number;
  currency: number;
  rcode: string;
  rmsg: string;
  authCode: string | null;
  cardId: string | null;
  customerId: string | null;
  maskedNumber: string | null;
  cardType: string | null;
  merchRefNum: string | null;
  purchaseId: string | null;
  originalPgId: string | null;
};

/** The "data" of the transaction events: what GET /platform/transaction/{pg_id} shows, the card masked. */
export function transactionEventData(t: TransactionForEvent): Record<string, unknown> {
  return {
    pg_id: t.pgId,
    tran_type: t.type,
    tran_status: t.status,
    amt_tran: t.amount,
    tran_currency: t.currency,
    rcode: t.rcode,
    rmsg: t.rmsg,
    auth_code: t.authCode,
    card_id: t.cardId,
    customer_id: t.customerId,
    card_number: t.maskedNumber,
    card_type: t.cardType,
    merch_ref_num: t.merchRefNum,
    purchase_id: t.purchaseId,
    pg_id_orig: t.originalPgId,
  };
}
