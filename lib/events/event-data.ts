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
