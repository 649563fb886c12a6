import "#server-only";
import { auditRowsSql, type Actor, type AuditEntry } from "../../audit/record-audit";
import { validateCardNumber } from "../../cards/card-number";
import { maskCardNumber } from "../../cards/mask";
import { seal } from "../../crypto/seal";
import { toDbBytes } from "../../db/bytes";
import type { Tx } from "../../db/client";
import { queryRows } from "../../db/direct-sql";
import { forUpdate } from "../../db/locks";
import { Prisma } from "../../db/sql";
import { writeTransaction } from "../../db/write-transaction";
import { cardEventData } from "../../events/event-data";
import { recordEvents, type EventEntry } from "../../events/record-event";
import { formatDay } from "../../billing/utc-date";
import { cardAad, cardFingerprint } from "../../vault/prepare-card";
import { settlePrimaryCard } from "../../vault/primary";
import type { NetworkAnswer } from "../network/network";
import { holdsCard, updatesCard } from "../reason-codes";
import { sealNumbers, openNumbers } from "../requests/request-rows";
import { completeIfDone } from "./complete-request";
import type { FileResult } from "./file-results";

// Applying one file's answers (docs/account-updater.md, "Answers"), in one
// transaction with their audit rows and events:
// - 201 and 202 change the card in place under its card_id: a new expiry, or
//   a new number sealed under a fresh data key with its fingerprint and mask;
//   a subscription of the card suspended by a decline resumes its retries;
// - 203 and 204 hold the card, keeping the reason;
// - every answer is written to its result row (the detail report).
// An answer applies only to the number it answered: a card whose number
// changed, or that was deleted, since it was sent is left alone ("skipped").
// A cancelled request applies nothing.

export const ACCOUNT_UPDATER_ACTOR = "account_updater";

export type ApplyCounts = { applied: number; updated: number; held: number; completed: number };

/** A 202's new number, made ready outside the transaction: the sealing is the slow part. */
type NewNumber = { sealed: Uint8Array<ArrayBuffer>; kekVersion: number; fingerprint: string; masked: string; cardType: string };

type LockedCard = {
  id: string;
  customerPk: number;
  customerId: string;
  fingerprint: string;
  createdAt: Date;
  maskedNumber: string;
  cardType: string;
  expDate: string;
};

type Outcome = { result: FileResult; answer: NetworkAnswer; applied: string; maskedNew: string | null; expNew: string | null; sealedNumbers?: NewSealed };
type NewSealed = { sealedNumbers: Uint8Array<ArrayBuffer>; kekVersion: number };

export async function applyAnswers(
  file: { id: number; requestId: number; merchantId: bigint },
  results: FileResult[],
  answers: NetworkAnswer[],
  today: number,
): Promise<ApplyCounts> {
  const { merchantId } = file;
  const byRef = new Map(answers.map((answer) => [answer.ref, answer]));
  const newNumbers = new Map<number, NewNumber>();
  const resealed = new Map<number, NewSealed>();
  for (const result of results) {
    const answer = byRef.get(result.id);
    if (!answer?.withNewNumber) continue;
    if (result.cardId !== null && result.sealedNumbers === null) {
      newNumbers.set(
        result.id,
        answer.withNewNumber((digits) => prepareNewNumber(merchantId, result.cardId!, digits)),
      );
    } else if (result.sealedNumbers !== null) {
      const sent = openNumbers(merchantId, result.id, result.sealedNumbers);
      resealed.set(
        result.id,
        answer.withNewNumber((digits) => sealNumbers(merchantId, result.id, { number: sent.number, new: digits })),
      );
    }
  }
  const actor: Actor = { merchantId, actor: ACCOUNT_UPDATER_ACTOR };
  const counts: ApplyCounts = { applied: 0, updated: 0, held: 0, completed: 0 };

  await writeTransaction(async (tx) => {
    // The request's row first: on PostgreSQL this waits for (or holds off) a cancel, so a cancelled request applies nothing.
    const open = await tx.$executeRaw`
      UPDATE "AccountUpdaterRequest" SET "updatedAt" = ${new Date()} WHERE "id" = ${file.requestId} AND "status" IN ('INPROGRESS', 'QUEUED')`;
    const taken = await tx.$executeRaw`
      UPDATE "AccountUpdaterFile" SET "doneAt" = ${new Date()}, "claimedBy" = NULL, "claimUntil" = NULL WHERE "id" = ${file.id} AND "doneAt" IS NULL`;
    if (open === 0 || taken === 0) return;

    const cards = await lockCards(tx, merchantId, results, byRef);
    const outcomes: Outcome[] = [];
    const audit: AuditEntry[] = [];
    const events: EventEntry[] = [];
    const updatedCards: string[] = [];
    for (const result of results) {
      const answer = byRef.get(result.id) ?? { ref: result.id, reasonCode: "000" as const };
      const outcome: Outcome = { result, answer, applied: "unchanged", maskedNew: null, expNew: answer.expDateNew ?? null };
      outcomes.push(outcome);
      if (result.sealedNumbers !== null || result.cardId === null) {
        // A number the merchant sent: nothing in the vault to change; its new number is kept sealed for GET /aus/{request_id}.
        const sealedNew = resealed.get(result.id);
        if (sealedNew) {
          outcome.sealedNumbers = sealedNew;
          outcome.maskedNew = answer.withNewNumber!((digits) => maskCardNumber(digits));
        }
        continue;
      }
      if (!updatesCard(answer.reasonCode) && !holdsCard(answer.reasonCode)) continue;
      const card = cards.get(result.cardId);
      if (!card || card.fingerprint !== result.fingerprint) {
        outcome.applied = "skipped";
        continue;
      }
      if (holdsCard(answer.reasonCode)) {
        await tx.card.update({ where: { id: card.id }, data: { auHold: true, auHoldReason: answer.reasonCode } });
        await tx.cardHistory.create({
          data: { merchantId, cardId: card.id, kind: "hold", reason: answer.reasonCode, requestId: file.requestId, actor: ACCOUNT_UPDATER_ACTOR },
        });
        audit.push({ action: "card.au_hold", type: "card", id: card.id });
        outcome.applied = "held";
        counts.held++;
        continue;
      }
      const newNumber = newNumbers.get(result.id);
      const expDate = answer.expDateNew ?? card.expDate;
      let replacedBy: string | null = null;
      if (newNumber) {
        outcome.maskedNew = newNumber.masked;
        replacedBy = await settleDuplicate(tx, actor, card, newNumber.fingerprint, file.requestId, audit);
      }
      await updateCardInPlace(
        tx,
        card.id,
        expDate,
        newNumber && { ...newNumber, fingerprint: replacedBy === null ? newNumber.fingerprint : `replaced:${card.id}`, replacedBy },
      );
      // The row as the update leaves it: the card is locked, so its other columns are the ones just read.
      const updated = { id: card.id, maskedNumber: newNumber?.masked ?? card.maskedNumber, cardType: newNumber?.cardType ?? card.cardType, expDate };
      audit.push({ action: "card.au_update", type: "card", id: card.id });
      events.push({ type: "vault_card_updated", data: cardEventData(card.customerId, updated) });
      updatedCards.push(replacedBy ?? card.id);
      outcome.applied = replacedBy === null ? "updated" : "replaced";
      counts.updated++;
    }

    await writeResults(tx, outcomes, formatDay(today));
    const resumed = await resumeSuspendedSubscriptions(tx, merchantId, updatedCards, today);
    for (const id of resumed) audit.push({ action: "subscription.resume", type: "subscription", id: String(id) });
    if (audit.length > 0) await tx.$executeRaw(auditRowsSql(actor, audit));
    if (events.length > 0) await recordEvents(tx, merchantId, events);
    // The updates: 201 and 202 answers, less those left alone because their card changed meanwhile.
    const billableUpdates = outcomes.filter((outcome) => updatesCard(outcome.answer.reasonCode) && outcome.applied !== "skipped").length;
    await tx.$executeRaw`
      UPDATE "AccountUpdaterRequest" SET "cntResponse" = "cntResponse" + ${outcomes.length}, "cntUpdate" = "cntUpdate" + ${billableUpdates}
      WHERE "id" = ${file.requestId}`;
    counts.applied = outcomes.length;
    if (await completeIfDone(tx, merchantId, file.requestId, today)) counts.completed = 1;
  });
  return counts;
}

function prepareNewNumber(merchantId: bigint, cardId: string, digits: string): NewNumber {
  const checked = validateCardNumber(digits);
  if (!checked.ok) throw new Error(`The network answered a new number that is not a card number (${checked.reason})`);
  const { sealed, kekVersion } = seal(checked.digits, cardAad(merchantId, cardId));
  return {
    sealed: toDbBytes(sealed),
    kekVersion,
    fingerprint: cardFingerprint(merchantId, checked.digits),
    masked: maskCardNumber(checked.digits),
    cardType: checked.cardType,
  };
}

/**
 * Changes a card in place: its expiry, and for a new number its seal, mask,
 * brand, fingerprint and replacement. Plain SQL rather than a Prisma update:
 * a harvest changes about a tenth of its cards, a hundred statements a file,
 * and compiling each through Prisma took more time than the database did.
 */
async function updateCardInPlace(tx: Tx, cardId: string, expDate: string, newNumber: (NewNumber & { replacedBy: string | null }) | undefined): Promise<void> {
  const number = newNumber
    ? Prisma.sql`, "sealedNumber" = ${newNumber.sealed}, "kekVersion" = ${newNumber.kekVersion}, "maskedNumber" = ${newNumber.masked},
        "cardType" = ${newNumber.cardType}, "fingerprint" = ${newNumber.fingerprint}, "replacedBy" = ${newNumber.replacedBy}`
    : Prisma.empty;
  await tx.$executeRaw`UPDATE "Card" SET "expDate" = ${expDate}, "updatedAt" = ${new Date()}${number} WHERE "id" = ${cardId}`;
}

/** The vault cards the file's card-changing answers touch, locked, with their customer's customer_id. */
async function lockCards(tx: Tx, merchantId: bigint, results: FileResult[], byRef: Map<number, NetworkAnswer>): Promise<Map<string, LockedCard>> {
  const ids = results
    .filter((result) => result.cardId !== null && result.sealedNumbers === null)
    .filter((result) => {
      const code = byRef.get(result.id)?.reasonCode ?? "000";
      return updatesCard(code) || holdsCard(code);
    })
    .map((result) => result.cardId!);
  if (ids.length === 0) return new Map();
  const rows = await queryRows<LockedCard & { customerPk: number | bigint; createdAt: Date | string | number }>(
    tx,
    Prisma.sql`
      SELECT c."id", c."customerPk", cu."customerId", c."fingerprint", c."createdAt", c."maskedNumber", c."cardType", c."expDate"
      FROM "Card" c JOIN "Customer" cu ON cu."id" = c."customerPk"
      WHERE c."merchantId" = ${merchantId} AND c."id" IN (${Prisma.join(ids)}) ${forUpdate({ of: "c" })}`,
  );
  return new Map(rows.map((row) => [row.id, { ...row, customerPk: Number(row.customerPk), createdAt: new Date(row.createdAt) }]));
}

/**
 * A new number that another card of the same customer already has: the
 * older of the two cards keeps the number's place and the newer is marked
 * replaced (its fingerprint freed, replacedBy set), and the subscriptions
 * that charged the newer one now charge the older. Nothing is deleted: both
 * card_ids still charge the same number. Answers the card that replaced
 * `card` when `card` is the newer one, or null.
 */
async function settleDuplicate(tx: Tx, actor: Actor, card: LockedCard, newFingerprint: string, requestId: number, audit: AuditEntry[]): Promise<string | null> {
  const [other] = await queryRows<{ id: string; createdAt: Date | string | number; isPrimary: boolean | number }>(
    tx,
    Prisma.sql`
      SELECT "id", "createdAt", "isPrimary" FROM "Card"
      WHERE "customerPk" = ${card.customerPk} AND "fingerprint" = ${newFingerprint} AND "id" <> ${card.id} ${forUpdate()}`,
  );
  if (!other) return null;
  const otherCreated = new Date(other.createdAt).getTime();
  const cardIsOlder = card.createdAt.getTime() < otherCreated || (card.createdAt.getTime() === otherCreated && card.id < other.id);
  const kept = cardIsOlder ? card.id : other.id;
  const replaced = cardIsOlder ? other.id : card.id;
  if (cardIsOlder) {
    await tx.card.update({ where: { id: other.id }, data: { fingerprint: `replaced:${other.id}`, replacedBy: card.id } });
  }
  await tx.$executeRaw`
    UPDATE "Subscription" SET "cardId" = ${kept}, "updatedAt" = ${new Date()}
    WHERE "merchantId" = ${actor.merchantId} AND "cardId" = ${replaced} AND "status" IN ('A', 'P', 'S')`;
  const replacedRow = await tx.card.findUnique({ where: { id: replaced }, select: { isPrimary: true } });
  if (replacedRow?.isPrimary) await settlePrimaryCard(tx, card.customerPk, kept);
  await tx.cardHistory.createMany({
    data: [
      { merchantId: actor.merchantId, cardId: replaced, kind: "replaced", reason: "202", otherCardId: kept, requestId, actor: actor.actor },
      { merchantId: actor.merchantId, cardId: kept, kind: "kept", reason: "202", otherCardId: replaced, requestId, actor: actor.actor },
    ],
  });
  audit.push({ action: "card.au_replace", type: "card", id: replaced });
  return cardIsOlder ? null : other.id;
}

/**
 * Writes every answer to its result row: the plain answers in one statement
 * per reason code, the rest one by one, in plain SQL (a file has a hundred
 * or more of them, and a Prisma update costs several times the statement).
 */
async function writeResults(tx: Tx, outcomes: Outcome[], responseDate: string): Promise<void> {
  const plain = new Map<string, number[]>();
  for (const outcome of outcomes) {
    const { result, answer } = outcome;
    if (outcome.maskedNew === null && outcome.expNew === null && outcome.applied === "unchanged" && !outcome.sealedNumbers) {
      const ids = plain.get(answer.reasonCode) ?? [];
      ids.push(result.id);
      plain.set(answer.reasonCode, ids);
      continue;
    }
    const applied = result.cardId !== null && result.sealedNumbers === null ? outcome.applied : null;
    const sealed = outcome.sealedNumbers
      ? Prisma.sql`, "sealedNumbers" = ${outcome.sealedNumbers.sealedNumbers}, "kekVersion" = ${outcome.sealedNumbers.kekVersion}`
      : Prisma.empty;
    await tx.$executeRaw`
      UPDATE "AccountUpdaterResult" SET "reasonCode" = ${answer.reasonCode}, "responseDate" = ${responseDate}, "applied" = ${applied},
        "maskedNumberNew" = ${outcome.maskedNew}, "expDateNew" = ${outcome.expNew}${sealed}
      WHERE "id" = ${result.id}`;
  }
  for (const [reasonCode, ids] of plain) {
    await tx.$executeRaw`
      UPDATE "AccountUpdaterResult" SET "reasonCode" = ${reasonCode}, "responseDate" = ${responseDate},
        "applied" = CASE WHEN "cardId" IS NOT NULL AND "sealedNumbers" IS NULL THEN 'unchanged' ELSE NULL END
      WHERE "id" IN (${Prisma.join(ids)})`;
  }
}

/**
 * Subscriptions suspended by a decline that charge one of these cards (by
 * card_id, or as their customer's primary card) are active again and due
 * today, at the cycle whose charge failed, as a resume from S does: the
 * updated card rescues them without anyone asking.
 */
async function resumeSuspendedSubscriptions(tx: Tx, merchantId: bigint, cardIds: string[], today: number): Promise<number[]> {
  if (cardIds.length === 0) return [];
  const rows = await queryRows<{ id: number | bigint }>(
    tx,
    Prisma.sql`
      UPDATE "Subscription" SET "status" = 'A', "statusDay" = NULL, "suspendedDay" = NULL, "declines" = 0, "dueDay" = ${today}, "updatedAt" = ${new Date()}
      WHERE "merchantId" = ${merchantId} AND "status" = 'S' AND "nextSeq" IS NOT NULL
        AND ("cardId" IN (${Prisma.join(cardIds)})
          OR ("cardId" IS NULL AND "customerPk" IN (SELECT "customerPk" FROM "Card" WHERE "id" IN (${Prisma.join(cardIds)}) AND "isPrimary")))
      RETURNING "id"`,
  );
  return rows.map((row) => Number(row.id));
}
