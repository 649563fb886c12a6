// Runs `npm run worker` (dist/worker.mjs, which the build bundles from
// worker/main.ts) as a real child process against the test database, its log
// in a file.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";
import { workerArgs } from "../../scripts/worker-command.mjs";

export type WorkerProcess = { child: ChildProcess; logFile: string; exited: Promise<number | null>; log: () => string };

let started = 0;

export async function startWorkerProcess(env: Record<string, string> = {}): Promise<WorkerProcess> {
  const logFile = join(inject("dataDir"), `worker-${process.pid}-${++started}.log`);
  const log = openSync(logFile, "a");
  const child = spawn(process.execPath, workerArgs(), {
    cwd: process.cwd(),
    env: {
      ...process.env,
      LOG_LEVEL: "info",
      WORKER_POLL_MS: "50",
      WEBHOOK_TIMEOUT_MS: "2000",
      ...env,
    },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const read = () => readFileSync(logFile, "utf8");
  const deadline = Date.now() + 30_000;
  while (!read().includes('"worker started"')) {
    if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}:\n${read()}`);
    if (Date.now() > deadline) throw new Error(`worker did not start within 30 s:\n${read()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, logFile, exited, log: read };
}
