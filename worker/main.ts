// `npm run worker`: the background process. Several may run against one
// PostgreSQL database (each claims its own endpoints); on SQLite run one.
// SIGTERM or SIGINT: finish the requests in flight, release leases, exit 0.
// First: a bad setting stops the worker here, before anything reads one.
import "@/lib/check-env.mjs";
import { getEnv } from "@/lib/env";
import { checkKeysOrExit } from "@/lib/key-rotation/check-keys-at-start";
import { logger } from "@/lib/log/logger";
import { VaultWorker } from "./vault-worker";

const settings = getEnv();
// Keys that cannot open this database's data stop the worker before its
// first pass, rather than at the first webhook secret it cannot open.
await checkKeysOrExit();
const worker = new VaultWorker({
  concurrency: settings.WORKER_CONCURRENCY,
  pollMs: settings.WORKER_POLL_MS,
  timeoutMs: settings.WEBHOOK_TIMEOUT_MS,
});
worker.start();

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workerId: worker.workerId }, "worker stopping");
    void worker.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "worker did not stop cleanly");
        process.exit(1);
      },
    );
  });
}
