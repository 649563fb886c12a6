import "#server-only";
import { directWriteAtomically } from "../../db/direct-sql";
import { isDriverUniqueViolation } from "../../db/unique-violation";
import { ApiError } from "../../errors/api-error";
import { getEnv } from "../../env";
import { ConnectorUnreachable, type ConnectorAnswer, type GatewayConnector } from "../../gateway/connector";
import type { MerchantGateway } from "../../gateway/merchant-gateway";
import type { Prisma } from "../../db/sql";
import { readStoredCards, resolveChargeCard, type StoredCards } from "../../payments/charge-card-source";
import { cycleOf } from "../subscriptions/subscription-cursor";
import { parseDay } from "../utc-date";
import { billingCardRequest, newBillingCharge, type BillingCharge, type ChargeKind } from "./billing-charge";
import { changeAfterAnswer } from "./charge-outcome";
import {
  answerRows,
  answersSql,
  notSentSql,
  releaseClaimsSql,
  reserveChargeSql,
  reserveChargesSql,
  reviewSql,
  suspendWithoutChargeSql,
  unknownOutcomeSql,
  type AnswerRows,
} from "./charge-writes";
import { holdForReconcile, type ClaimedSubscription } from "./claim-subscriptions";
import { crashIfAskedAt } from "./crash-hook";
import { lookUpCharge, unresolvedCharge } from "./reconcile-charge";

// Charges a batch of claimed subscriptions (docs/billing.md, "The billing
// run"): unresolved charges are reconciled first; every other subscription
// gets its next cycle charged. The ledger rows of the whole batch commit in
// one write before any call, the outcomes in one write after the calls.

export type BillingCounts = {
  charges: number;
  declines: number;
  suspended: number;
  completed: number;
  cancelled: number;
  unknown: number;
  notSent: number;
  review: number;
};

export function emptyCounts(): BillingCounts {
  return { charges: 0, declines: 0, suspended: 0, completed: 0, cancelled: 0, unknown: 0, notSent: 0, review: 0 };
}

export function addCounts(into: BillingCounts, more: BillingCounts): void {
  for (const key of Object.keys(into) as (keyof BillingCounts)[]) into[key] += more[key];
}

export type BatchContext = {
  gateway: MerchantGateway;
  today: number;
  workerId: string;
  /** When an unknown outcome is looked up again. */
  reconcileRetryMs: number;
  counts: BillingCounts;
};

/** Upstream calls in flight at once for one batch; the sandbox answers in the process, one after another. */
const UPSTREAM_CONCURRENCY = 16;

type Planned = { subscription: ClaimedSubscription; charge: BillingCharge };

/**
 * How long a batch's calls may take once its ledger rows are written, and
 * until when its subscriptions stay claimed. A call that went out over the
 * network can still be acted on by the gateway; had another worker
 * reconciled it meanwhile (this one's claim having run out), the gateway
 * would not have known it yet, "not sent", and the cycle would be charged
 * twice. So the rows are held for the batch's rounds of calls at the
 * gateway's timeout, and two rounds more: one for a last call started late
 * in its round, one for a gateway acting late and the outcome's write. A call
 * not started by the end of the batch's rounds is not made at all (the
 * process stalled), so none can outlast the hold. An in-process connector
 * leaves nothing in flight elsewhere: its claim stays as it is.
 */
export type CallWindow = { lastStartMs: number; holdUntilMs: number };

export function callWindow(count: number, connector: GatewayConnector, nowMs: number): CallWindow | null {
  if (connector.inProcess) return null;
  const timeoutMs = getEnv().GATEWAY_TIMEOUT_MS;
  const rounds = Math.ceil(count / UPSTREAM_CONCURRENCY);
  return { lastStartMs: nowMs + rounds * timeoutMs, holdUntilMs: nowMs + (rounds + 2) * timeoutMs };
}

export async function chargeClaimed(claimed: ClaimedSubscription[], context: BatchContext): Promise<void> {
  for (const subscription of claimed) if (subscription.chargingPgId) await reconcile(subscription, context);
  const planned: Planned[] = [];
  const uncharged: number[] = [];
  const statements: Prisma.Sql[] = [];
  const now = new Date();
  const cards = await readCards(claimed);
  for (const subscription of claimed) {
    if (subscription.chargingPgId) continue;
    const plan = await planCharge(subscription, context, now, cards);
    if (plan.kind === "charge") planned.push({ subscription, charge: plan.charge });
    else if (plan.kind === "cannot") statements.push(...plan.statements);
    else uncharged.push(subscription.id);
  }
  if (uncharged.length > 0) statements.push(releaseClaimsSql(uncharged, context.workerId, now));
  if (statements.length > 0) await directWriteAtomically(statements);
  if (planned.length === 0) return;

  const nowMs = Date.now();
  const window = callWindow(planned.length, context.gateway.connector, nowMs);
  const reserved = await reserve(planned, context.gateway, window?.holdUntilMs ?? nowMs);
  crashIfAskedAt("after-ledger");
  const answers = await callConnector(reserved, context, window);
  crashIfAskedAt("after-call");
  const outcome: Prisma.Sql[] = [];
  const answered: AnswerRows[] = [];
  const at = new Date();
  for (const [index, { subscription, charge }] of reserved.entries()) {
    const answer = answers[index]!;
    if (answer === "unknown") {
      outcome.push(...unknownOutcomeSql(charge, Date.now() + context.reconcileRetryMs, at));
      context.counts.unknown++;
    } else if (answer === "not_sent") {
      outcome.push(...notSentSql(charge, at));
      context.counts.notSent++;
    } else answered.push(answerWrite(subscription, charge, answer, context, at));
  }
  await directWriteAtomically([...outcome, ...answersSql(answered, at)]);
}

/** The cards of the batch's subscriptions to charge, in one query (or two, when some charge their customer's primary card) rather than one each. */
async function readCards(claimed: ClaimedSubscription[]): Promise<StoredCards | undefined> {
  const charging = claimed.filter((subscription) => !subscription.chargingPgId && subscription.status === "A");
  const merchantId = charging[0]?.merchantId;
  // A claim is one merchant's; anything else reads its cards one by one, as before.
  if (merchantId === undefined || charging.some((subscription) => subscription.merchantId !== merchantId)) return undefined;
  return readStoredCards(merchantId, {
    cardIds: charging.flatMap((subscription) => (subscription.cardId ? [subscription.cardId] : [])),
    customerIds: charging.flatMap((subscription) => (subscription.cardId ? [] : [subscription.customerId])),
  });
}

type Plan = { kind: "charge"; charge: BillingCharge } | { kind: "cannot"; statements: Prisma.Sql[] } | { kind: "nothing" };

async function planCharge(subscription: ClaimedSubscription, context: BatchContext, now: Date, cards: StoredCards | undefined): Promise<Plan> {
  // Claimed as due, then paused or cancelled by the API before this read: nothing to charge.
  if (subscription.status !== "A" || subscription.nextSeq === null) return { kind: "nothing" };
  const cycle = cycleOf(subscription, subscription.nextSeq);
  if (cycle === null) return { kind: "nothing" };
  let card;
  try {
    const source = subscription.cardId ? { card_id: subscription.cardId } : { customer_id: subscription.customerId };
    card = await resolveChargeCard(subscription.merchantId, { merchant_id: 0, ...source }, context.gateway.now(), cards);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    context.counts.suspended++;
    const reason = `No card to charge: ${error.fields ? Object.values(error.fields).join("; ") : error.message}`;
    return { kind: "cannot", statements: suspendWithoutChargeSql(subscription.merchantId, subscription, reason, context.today, context.workerId, now) };
  }
  const charge = newBillingCharge({
    merchantId: subscription.merchantId,
    subscriptionId: subscription.id,
    seq: cycle.seq,
    attempt: subscription.nextAttempt,
    kind: cycle.kind as ChargeKind,
    cycleDay: parseDay(cycle.date)!,
    amountMinor: cycle.amount,
    currency: subscription.currency,
    purchaseId: subscription.purchaseId,
    card,
  });
  return { kind: "charge", charge };
}

/**
 * The batch's ledger rows in one write. A row whose key is taken means
 * another worker charged that attempt (this one's claim ran out meanwhile):
 * then each is written alone and the taken ones are left out. The
 * transactions are dated on the gateway's clock: a sandbox merchant's
 * subscription charges carry its sandbox date.
 */
async function reserve(planned: Planned[], gateway: MerchantGateway, holdUntilMs: number): Promise<Planned[]> {
  const now = gateway.now();
  const connectorName = gateway.connector.name;
  try {
    const charges = planned.map(({ charge }) => charge);
    await directWriteAtomically(reserveChargesSql(charges, connectorName, now, holdUntilMs));
    return planned;
  } catch (error) {
    if (!isDriverUniqueViolation(error)) throw error;
  }
  const kept: Planned[] = [];
  for (const entry of planned) {
    try {
      await directWriteAtomically(reserveChargeSql(entry.charge, connectorName, now, holdUntilMs));
      kept.push(entry);
    } catch (error) {
      if (!isDriverUniqueViolation(error)) throw error;
    }
  }
  return kept;
}

type CallResult = ConnectorAnswer | "unknown" | "not_sent";

async function callConnector(reserved: Planned[], context: BatchContext, window: CallWindow | null): Promise<CallResult[]> {
  const { connector } = context.gateway;
  const call = async ({ charge }: Planned): Promise<CallResult> => {
    // Too late to end well before the subscriptions' hold does (the process stalled): never sent, and known to be.
    if (window && Date.now() > window.lastStartMs) return "not_sent";
    try {
      return await connector.sale(billingCardRequest(charge));
    } catch (error) {
      if (error instanceof ConnectorUnreachable) return "unknown";
      throw error;
    }
  };
  const answers: CallResult[] = new Array(reserved.length);
  const width = connector.inProcess ? 1 : UPSTREAM_CONCURRENCY;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, reserved.length) }, async () => {
      while (next < reserved.length) {
        const index = next++;
        answers[index] = await call(reserved[index]!);
      }
    }),
  );
  return answers;
}

function answerWrite(subscription: ClaimedSubscription, charge: BillingCharge, answer: ConnectorAnswer, context: BatchContext, now: Date): AnswerRows {
  const change = changeAfterAnswer(subscription, charge, answer, subscription.declines, context.today);
  const counts = context.counts;
  if (answer.approved) counts.charges++;
  else counts.declines++;
  if (change.kind === "suspend") counts.suspended++;
  if (change.kind === "complete") counts.completed++;
  return answerRows(subscription, charge, answer, change, {
    today: context.today,
    gatewayNow: context.gateway.now(),
    connector: context.gateway.connector,
    now,
  });
}

/** An unresolved charge: looked up, then recorded as answered, not sent, or for review; or left for a later try. */
async function reconcile(subscription: ClaimedSubscription, context: BatchContext): Promise<void> {
  const pgId = subscription.chargingPgId!;
  const row = await unresolvedCharge(pgId);
  const now = new Date();
  const ref = { pgId, subscriptionId: subscription.id, merchantId: subscription.merchantId };
  if (!row) {
    // The outcome was written after all (by a worker whose claim had run out): nothing left to do here.
    await directWriteAtomically([releaseClaimsSql([subscription.id], context.workerId, now)]);
    return;
  }
  // Held for the lookup and its write (a lookup ends within the gateway's timeout); claimed by another worker meanwhile, it is theirs.
  if (!(await holdForReconcile(subscription.id, pgId, context.workerId, Date.now() + 2 * getEnv().GATEWAY_TIMEOUT_MS))) return;
  const found = await lookUpCharge(context.gateway.connector, row);
  if (found.kind === "later") return void (await directWriteAtomically(unknownOutcomeSql(ref, Date.now() + context.reconcileRetryMs, now)));
  if (found.kind === "review") {
    context.counts.review++;
    return void (await directWriteAtomically(reviewSql(ref, now)));
  }
  if (found.kind === "not_sent") {
    context.counts.notSent++;
    return void (await directWriteAtomically(notSentSql(ref, now)));
  }
  const charge: BillingCharge = {
    ...newBillingCharge({
      merchantId: subscription.merchantId,
      subscriptionId: subscription.id,
      seq: row.seq,
      attempt: row.attempt,
      kind: row.kind as ChargeKind,
      cycleDay: row.cycleDay,
      amountMinor: row.amountMinor,
      currency: row.currency,
      purchaseId: subscription.purchaseId,
      card: row.card,
    }),
    pgId,
  };
  await directWriteAtomically(answersSql([answerWrite(subscription, charge, found.answer, context, now)], now));
}
