// The webhook-delivery bench's database, seeded and read back (run as a child process with
// the bench's DATABASE_URL and VAULT_KEYS_FILE: the Prisma client is made
// once per process, for one database). Through the lib functions a merchant
// uses: MERCHANTS merchants, each with HOOKS_PER_MERCHANT webhooks at
// `${receiverUrl}/hook/<n>` subscribed to vault_customer_created; then
// `events` such events, spread round-robin over the merchants, written to
// the outbox in one transaction (eventRowsSql, 20 rows a statement).
//
//   node --import tsx bench/webhook-database.ts <receiverUrl> <events>
//
// Prints one JSON line: each webhook's path, secret and the event_ids it is
// owed (its validate_url event first, then its merchant's events, in order).
//
//   node --import tsx bench/webhook-database.ts --report
//
// After a run, prints what the database recorded: deliveries by status and
// attempts by worker.
import { getDb } from "@/lib/db/client";
import { checkKeysAtStart } from "@/lib/key-rotation/check-keys-at-start";
import { createMerchant } from "@/lib/merchants/create-merchant";
import { addWebhook } from "@/lib/webhooks/add-webhook";
import { eventRowsSql, type EventEntry } from "@/lib/events/record-event";

export const MERCHANTS = 4;
export const HOOKS_PER_MERCHANT = 2;
export const EVENT_TYPE = "vault_customer_created";
const ROWS_PER_STATEMENT = 20;

export type SeededHook = { path: string; secret: string; eventIds: string[] };

async function seed(receiverUrl: string, events: number): Promise<SeededHook[]> {
  const hooks: (SeededHook & { merchant: number })[] = [];
  const merchantIds: bigint[] = [];
  for (let m = 0; m < MERCHANTS; m++) {
    const { merchantId } = await createMerchant({ name: `Bench Merchant ${m + 1}`, actor: "bench" });
    merchantIds.push(merchantId);
    for (let h = 0; h < HOOKS_PER_MERCHANT; h++) {
      const path = `/hook/${hooks.length + 1}`;
      const added = await addWebhook(
        { merchantId, actor: "bench" },
        { label: `bench ${path}`, notification_url: `${receiverUrl}${path}`, events: [EVENT_TYPE] },
      );
      const validate = await getDb().event.findFirst({ where: { webhookId: added.webhook_id }, select: { eventId: true } });
      if (!validate || !added.secret) throw new Error("addWebhook queued no validate_url event or returned no secret");
      hooks.push({ path, secret: added.secret, eventIds: [validate.eventId], merchant: m });
    }
  }
  // A webhook hears of events created from its own creation on: the
  // events' createdAt must not tie with the last webhook's.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const perMerchant: EventEntry[][] = merchantIds.map(() => []);
  for (let i = 0; i < events; i++) {
    perMerchant[i % MERCHANTS]?.push({
      type: EVENT_TYPE,
      data: { customer_id: `BENCH${String(i).padStart(6, "0")}`, customer_first_name: "Bench", customer_last_name: "Mark" },
    });
  }
  await getDb().$transaction(
    async (tx) => {
      // Small statements taking the merchants in turn, so every stretch of
      // the outbox (fan-out takes 200 events at a time) owes work to every
      // endpoint, as a busy vault's outbox would.
      for (let start = 0; start < events; start += ROWS_PER_STATEMENT) {
        for (let m = 0; m < MERCHANTS; m++) {
          const entries = (perMerchant[m] ?? []).slice(start, start + ROWS_PER_STATEMENT);
          if (entries.length === 0) continue;
          const { sql, eventIds } = eventRowsSql(merchantIds[m] as bigint, entries);
          await tx.$executeRaw(sql);
          for (const hook of hooks) if (hook.merchant === m) hook.eventIds.push(...eventIds);
        }
      }
    },
    { timeout: 60_000 },
  );
  return hooks.map(({ merchant: _merchant, ...hook }) => hook);
}

export type SeedReport = { deliveries: Record<string, number>; attemptsByWorker: number[] };

async function report(): Promise<SeedReport> {
  const statuses = await getDb().webhookDelivery.groupBy({ by: ["status"], _count: { _all: true } });
  const workers = await getDb().webhookDeliveryAttempt.groupBy({ by: ["workerId"], _count: { _all: true } });
  return {
    deliveries: Object.fromEntries(statuses.map((s) => [s.status, s._count._all])),
    attemptsByWorker: workers.map((w) => w._count._all).sort((a, b) => b - a),
  };
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === "--report") {
  console.log(JSON.stringify(await report()));
  await getDb().$disconnect();
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const [receiverUrl, events] = process.argv.slice(2);
  if (!receiverUrl || !events) throw new Error("usage: webhook-database.ts <receiverUrl> <events>");
  // An entry point like the CLI: the keys check generates the key file for
  // the bench's empty database (nothing else ever does).
  await checkKeysAtStart();
  const hooks = await seed(receiverUrl, Number(events));
  await getDb().$disconnect();
  console.log(JSON.stringify(hooks));
}
