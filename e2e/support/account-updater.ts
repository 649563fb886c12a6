// The Account Updater side of the portal's browser tests: a request written
// by insertRequest (lib/account-updater/requests/request-rows.ts, the writer
// the API's request operations use), in the test worker's own process, so no
// SQL fixture stands in for it; and, where a page needs an answer, the
// answer stored on one card's result as the processing run stores it (the
// run itself is the worker's; the e2e server runs no worker).
import { randomUUID } from "node:crypto";
import { bindToVault, SEED_ACTOR } from "./seed";
import type { VaultInfo } from "./vaults";

/** A request by card_id for the merchant's `cardIds` (as POST /platform/aus/request/create makes it), with `rejected` ids; answers its request_id. */
export async function seedCardIdRequest(vault: VaultInfo, merchantId: number, cardIds: string[], rejected: string[] = []): Promise<number> {
  bindToVault(vault);
  const { getDb } = await import("@/lib/db/client");
  const { writeTransaction } = await import("@/lib/db/write-transaction");
  const { insertRequest } = await import("@/lib/account-updater/requests/request-rows");
  const { merchantTodayText } = await import("./billing");
  const cards = await getDb().card.findMany({
    where: { merchantId: BigInt(merchantId), id: { in: cardIds } },
    select: { id: true, fingerprint: true, maskedNumber: true, cardType: true, expDate: true },
  });
  const requestDate = await merchantTodayText(vault, merchantId);
  const actor = { merchantId: BigInt(merchantId), actor: SEED_ACTOR, requestId: randomUUID() };
  return writeTransaction((tx) =>
    insertRequest(tx, actor, {
      method: "harvest_card_id",
      requestDate,
      results: cardIds.map((id) => {
        const card = cards.find((c) => c.id === id)!;
        return { cardId: id, fingerprint: card.fingerprint, maskedNumber: card.maskedNumber, cardType: card.cardType, expDate: card.expDate };
      }),
      rejected: rejected.map((id) => ({ card_id: id, reject_reason: "Invalid card id. Card not found." })),
    }),
  );
}

/**
 * Stores a network's answer on one card of a request, and completes the
 * request once every card has one, as the processing run records them: the
 * reason code, the new masked number or expiry, the day, and what applying
 * it did. Only the rows the pages read; the vault card itself is left as it
 * was (applying is the run's, tested with it).
 */
export async function storeAnswer(
  vault: VaultInfo,
  requestId: number,
  cardId: string,
  answer: { reasonCode: string; maskedNumberNew?: string; expDateNew?: string; applied: string },
): Promise<void> {
  bindToVault(vault);
  const { writeTransaction } = await import("@/lib/db/write-transaction");
  const { updatesCard } = await import("@/lib/account-updater/reason-codes");
  await writeTransaction(async (tx) => {
    const request = await tx.accountUpdaterRequest.findUniqueOrThrow({ where: { id: requestId } });
    const responseDate = request.requestDate;
    await tx.accountUpdaterResult.updateMany({
      where: { requestId, cardId },
      data: { reasonCode: answer.reasonCode, maskedNumberNew: answer.maskedNumberNew, expDateNew: answer.expDateNew, applied: answer.applied, responseDate },
    });
    const waiting = await tx.accountUpdaterResult.count({ where: { requestId, reasonCode: null } });
    await tx.accountUpdaterRequest.update({
      where: { id: requestId },
      data: {
        cntResponse: { increment: 1 },
        cntUpdate: { increment: updatesCard(answer.reasonCode) ? 1 : 0 },
        ...(waiting === 0 ? { status: "COMPLETED", responseDate } : {}),
      },
    });
  });
}
