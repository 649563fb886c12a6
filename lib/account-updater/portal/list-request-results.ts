import "#server-only";
import { z } from "zod";
import { getDb } from "../../db/client";
import { parseOptions } from "../../errors/parse-options";
import { pageFields } from "../../paging/page-options";

// One request's cards and their answers in the portal (the detail report),
// in the order they were sent. Only masked numbers are read: the sealed
// numbers of /aus/add entries are never opened for a page.

const ListRequestResultsSchema = z.object({ merchantId: z.bigint(), requestId: z.number().int(), ...pageFields(50) });
export type ListRequestResultsOptions = z.input<typeof ListRequestResultsSchema>;

export type RequestResultRow = {
  resultId: number;
  /** The vault card, when the entry names one. */
  cardId: string | null;
  /** The vault card's customer, for a link; null when the card is gone or the entry is a number the merchant sent. */
  customerId: string | null;
  /** An /aus/add entry's own reference for the number it sent. */
  reference: string | null;
  maskedNumber: string;
  cardType: string;
  expDate: string;
  maskedNumberNew: string | null;
  expDateNew: string | null;
  /** Null until the network answers. */
  reasonCode: string | null;
  responseDate: string | null;
  /** What applying the answer did to the vault card (updated, held, replaced, unchanged, skipped); null until applied. */
  applied: string | null;
};

export type RequestResultPage = { rows: RequestResultRow[]; total: number; page: number; pageSize: number };

/** The page of the merchant's request's results; a request that is not the merchant's has none (getRequest answers its 404). */
export async function listRequestResults(options: ListRequestResultsOptions): Promise<RequestResultPage> {
  const { merchantId, requestId, page, pageSize } = parseOptions(ListRequestResultsSchema, options);
  const db = getDb();
  const where = { requestId, merchantId };
  const [total, rows] = await Promise.all([
    db.accountUpdaterResult.count({ where }),
    db.accountUpdaterResult.findMany({
      where,
      orderBy: { id: "asc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        cardId: true,
        reference: true,
        maskedNumber: true,
        cardType: true,
        expDate: true,
        maskedNumberNew: true,
        expDateNew: true,
        reasonCode: true,
        responseDate: true,
        applied: true,
      },
    }),
  ]);
  const cardIds = [...new Set(rows.flatMap((row) => (row.cardId ? [row.cardId] : [])))];
  const cards =
    cardIds.length === 0
      ? []
      : await db.card.findMany({ where: { merchantId, id: { in: cardIds } }, select: { id: true, customer: { select: { customerId: true } } } });
  const customerOf = new Map(cards.map((card) => [card.id, card.customer.customerId]));
  return {
    rows: rows.map((row) => ({
      resultId: row.id,
      cardId: row.cardId,
      customerId: row.cardId ? (customerOf.get(row.cardId) ?? null) : null,
      reference: row.reference,
      maskedNumber: row.maskedNumber,
      cardType: row.cardType,
      expDate: row.expDate,
      maskedNumberNew: row.maskedNumberNew,
      expDateNew: row.expDateNew,
      reasonCode: row.reasonCode,
      responseDate: row.responseDate,
      applied: row.applied,
    })),
    total,
    page,
    pageSize,
  };
}
