import "#server-only";
import { getDb } from "../../db/client";

// A card's Account Updater history in the portal, newest first: each answer
// the networks gave about it (its AccountUpdaterResult rows, with their
// request's date), and what happened to it besides (its CardHistory rows:
// holds, releases, replacements).

export type CardAnswerEntry = {
  kind: "answer";
  at: Date;
  requestId: number;
  /** The request's date on the merchant's clock, "YYYY-MM-DD". */
  requestDate: string;
  /** Null while the request waits for its answer. */
  reasonCode: string | null;
  responseDate: string | null;
  applied: string | null;
  maskedNumber: string;
  maskedNumberNew: string | null;
  expDate: string;
  expDateNew: string | null;
};

export type CardEventEntry = {
  /** hold, release, replaced (this card was the newer duplicate), kept (another card was replaced by this one). */
  kind: string;
  at: Date;
  /** merchant, or the reason code that caused it. */
  reason: string | null;
  otherCardId: string | null;
  requestId: number | null;
  /** Who did it, as the audit log names them ("user:12", "api_key:3", "worker"). */
  actor: string;
};

export type CardHistoryEntry = CardAnswerEntry | CardEventEntry;

export const isAnswer = (entry: CardHistoryEntry): entry is CardAnswerEntry => entry.kind === "answer";

/** The newest `limit` entries of the merchant's card's history, and whether older ones were left out. */
export async function cardHistory(merchantId: bigint, cardId: string, limit = 20): Promise<{ entries: CardHistoryEntry[]; hasOlder: boolean }> {
  const db = getDb();
  const where = { merchantId, cardId };
  const [answers, events] = await Promise.all([
    db.accountUpdaterResult.findMany({
      where,
      orderBy: { id: "desc" },
      take: limit + 1,
      select: {
        requestId: true,
        reasonCode: true,
        responseDate: true,
        applied: true,
        maskedNumber: true,
        maskedNumberNew: true,
        expDate: true,
        expDateNew: true,
        createdAt: true,
        request: { select: { requestDate: true } },
      },
    }),
    db.cardHistory.findMany({
      where,
      orderBy: { id: "desc" },
      take: limit + 1,
      select: { kind: true, reason: true, otherCardId: true, requestId: true, actor: true, createdAt: true },
    }),
  ]);
  const merged: CardHistoryEntry[] = [
    ...answers.map(({ createdAt, request, ...row }) => ({ kind: "answer" as const, at: createdAt, requestDate: request.requestDate, ...row })),
    ...events.map(({ createdAt, ...row }) => ({ ...row, at: createdAt })),
  ];
  merged.sort((a, b) => b.at.getTime() - a.at.getTime());
  return { entries: merged.slice(0, limit), hasOlder: merged.length > limit };
}
