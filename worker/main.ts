// `npm run worker`: the background process. Several may run against one
// PostgreSQL database (each claims its own endpoints); on SQLite run one.
// SIGTERM or SIGINT: finish the requests in flight, release leases, exit 0.
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { VaultWorker } from "./vault-worker";

const WorkerEnvSchema = z.object({
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  WORKER_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
});

getEnv(); // a bad setting stops the process here, with its name
const settings = WorkerEnvSchema.safeParse(process.env);
if (!settings.success) {
  console.error(`Invalid worker configuration:\n${settings.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  process.exit(1);
}

const worker = new VaultWorker({
  concurrency: settings.data.WORKER_CONCURRENCY,
  pollMs: settings.data.WORKER_POLL_MS,
  timeoutMs: settings.data.WEBHOOK_TIMEOUT_MS,
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
