// The Account Updater bench's floor: a monthly harvest's work per card,
// written by hand on the product's drivers (pg, better-sqlite3), without its
// layers. One loop, one file of FILE_SIZE cards at a time, as one worker:
// - read the merchant's next cards in card_id order that the harvest may
//   choose, with their sealed numbers (one query), and leave out the stale
//   ones (lib/account-updater/eligibility.ts, as the harvest does);
// - hand them to the sandbox network as a file and take its answers
//   (lib/account-updater/network/sandbox-network.ts send and collect: each
//   number opened with the product's keyring inside the network's call);
// - seal each 202's new number for its card (validated, sealed under a fresh
//   data key, fingerprinted and masked, as apply-answers.ts does);
// - in one transaction: the request's counts, the file's row, its answered
//   result rows, the cards changed in place (only while they still hold the
//   number answered), an audit row and a vault_card_updated event per
//   changed card, and on the last file the request completed with its
//   created and completed events (built by the product's formatters).
// What it leaves out, being one process that has the answers at once: the
// result rows written before sending and answered after, the claims on the
// request and on each file, the cards' locks, the duplicate settling (a new
// number another card of the customer holds would fail the unique index and
// stop the floor; the bench's customers hold one card each), and resuming
// subscriptions suspended by a decline (the bench has none). Answers other
// than 200, 201 and 202 stop it rather than doing less work than the
// product without saying so.
//
//   DATABASE_URL=... VAULT_KEYS_FILE=... node --import tsx bench/account-updater-floor.ts <merchantId> <today>
//
// Harvests every eligible card of the merchant on day `today` (a day
// number); prints one JSON line: { cards, ms } (ms from its first read to
// its last commit).
import { ELIGIBLE_CARD_TYPES, isStale } from "@/lib/account-updater/eligibility";
import { sandboxNetwork } from "@/lib/account-updater/network/sandbox-network";
import { requestEventData } from "@/lib/account-updater/requests/request-event-data";
import { FILE_SIZE } from "@/lib/account-updater/request-status";
import { formatDay } from "@/lib/billing/utc-date";
import { validateCardNumber } from "@/lib/cards/card-number";
import { maskCardNumber } from "@/lib/cards/mask";
import { getKeyring } from "@/lib/crypto/get-keyring";
import { openSealed } from "@/lib/crypto/open-sealed";
import { randomHexId } from "@/lib/crypto/random-id";
import { seal } from "@/lib/crypto/seal";
import { getEnv } from "@/lib/env";
import { cardEventData } from "@/lib/events/event-data";
import { cardAad, cardFingerprint } from "@/lib/vault/prepare-card";
import type { AccountUpdaterFloorStore, FloorCard, FloorCardChange, FloorEvent, FloorResult } from "./floor/account-updater-floor-store";
import { openPostgresAccountUpdaterStore } from "./floor/account-updater-floor-postgres";
import { openSqliteAccountUpdaterStore } from "./floor/account-updater-floor-sqlite";

const METHOD = "harvest_cust_vault";

function event(type: string, data: Record<string, unknown>): FloorEvent {
  return { eventId: randomHexId(), type, payload: JSON.stringify(data) };
}

/** One file: the sandbox's answers to the cards, and what they do to the vault. */
async function answer(
  merchantId: bigint,
  cards: FloorCard[],
): Promise<{ results: FloorResult[]; changes: FloorCardChange[]; events: FloorEvent[]; ref: string }> {
  const aad = (card: FloorCard) => cardAad(merchantId, card.id);
  const ref = await sandboxNetwork.send(
    cards.map((card, index) => ({ ref: index, expDate: card.expDate, withNumber: (use) => use(openSealed(card.sealedNumber, aad(card))) })),
  );
  const answers = await sandboxNetwork.collect(
    ref,
    cards.map((_, index) => index),
  );
  if (!answers) throw new Error("the sandbox network answers every file it is asked about");
  const results: FloorResult[] = [];
  const changes: FloorCardChange[] = [];
  const events: FloorEvent[] = [];
  for (const [index, card] of cards.entries()) {
    const a = answers[index]!;
    const base = { cardId: card.id, fingerprint: card.fingerprint, maskedNumber: card.maskedNumber, cardType: card.cardType, expDate: card.expDate };
    if (a.reasonCode === "200") {
      results.push({ ...base, reasonCode: "200", applied: "unchanged", maskedNumberNew: null, expDateNew: null });
      continue;
    }
    if (a.reasonCode !== "201" && a.reasonCode !== "202") throw new Error(`card ${card.id}: a sandbox answer ${a.reasonCode}, which the floor does not do`);
    const expDate = a.expDateNew ?? card.expDate;
    const change: FloorCardChange = {
      id: card.id,
      answeredFingerprint: card.fingerprint,
      expDate,
      sealedNumber: null,
      kekVersion: null,
      maskedNumber: null,
      cardType: null,
      fingerprint: null,
    };
    if (a.withNewNumber) {
      a.withNewNumber((digits) => {
        const checked = validateCardNumber(digits);
        if (!checked.ok) throw new Error(`the sandbox answered a new number that is not a card number (${checked.reason})`);
        const { sealed, kekVersion } = seal(checked.digits, aad(card));
        Object.assign(change, {
          sealedNumber: sealed,
          kekVersion,
          maskedNumber: maskCardNumber(checked.digits),
          cardType: checked.cardType,
          fingerprint: cardFingerprint(merchantId, checked.digits),
        });
      });
    }
    changes.push(change);
    results.push({ ...base, reasonCode: a.reasonCode, applied: "updated", maskedNumberNew: change.maskedNumber, expDateNew: a.expDateNew ?? null });
    const updated = { id: card.id, maskedNumber: change.maskedNumber ?? card.maskedNumber, cardType: change.cardType ?? card.cardType, expDate };
    events.push(event("vault_card_updated", cardEventData(card.customerId, updated)));
  }
  return { results, changes, events, ref };
}

async function run(store: AccountUpdaterFloorStore, merchantId: bigint, today: number): Promise<{ cards: number; ms: number }> {
  const started = performance.now();
  const requestDate = formatDay(today);
  const requestId = await store.startRequest(merchantId, requestDate, new Date());
  const totals = { cntRequest: 0, cntUpdate: 0 };
  let after = "";
  for (;;) {
    const batch = await store.cards(merchantId, after, FILE_SIZE);
    const chosen = batch.filter((card) => (ELIGIBLE_CARD_TYPES as readonly string[]).includes(card.cardType) && !isStale(card.expDate, today));
    const last = batch.length < FILE_SIZE;
    const { results, changes, events, ref } = chosen.length > 0 ? await answer(merchantId, chosen) : { results: [], changes: [], events: [], ref: "" };
    totals.cntRequest += results.length;
    totals.cntUpdate += changes.length;
    if (last) {
      const request = { id: requestId, method: METHOD, requestDate, cntRequest: totals.cntRequest, cntUpdate: totals.cntUpdate, rejectedCards: "[]" };
      events.push(
        event("account_updater_request_created", requestEventData({ ...request, status: "INPROGRESS", responseDate: null, cntResponse: 0, cntUpdate: 0 })),
      );
      events.push(
        event(
          "account_updater_request_completed",
          requestEventData({ ...request, status: "COMPLETED", responseDate: requestDate, cntResponse: totals.cntRequest }),
        ),
      );
    }
    await store.write({
      merchantId,
      requestId,
      now: new Date(),
      sentDay: today,
      responseDate: requestDate,
      networkRef: ref,
      results,
      changes,
      events,
      cntUpdate: changes.length,
      last,
    });
    if (last) break;
    after = batch[batch.length - 1]!.id;
  }
  return { cards: totals.cntRequest, ms: performance.now() - started };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [merchantId, today] = process.argv.slice(2);
  if (!merchantId || !today) throw new Error("usage: account-updater-floor.ts <merchantId> <today>");
  const env = getEnv();
  // The keys are loaded before the clock starts, as a worker loads them at its start.
  getKeyring();
  const store =
    env.databaseProvider === "sqlite"
      ? await openSqliteAccountUpdaterStore(env.DATABASE_URL.replace(/^file:/, ""))
      : await openPostgresAccountUpdaterStore(env.DATABASE_URL);
  try {
    const figures = await run(store, BigInt(merchantId), Number(today));
    console.log(JSON.stringify({ ...figures, ms: Math.round(figures.ms) }));
  } finally {
    await store.close();
  }
}
