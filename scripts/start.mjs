// `npm start`: build if needed, apply migrations, make sure keys and a demo
// merchant exist (a key file is generated only for an empty database:
// lib/crypto/verify-keys-for-data.ts), then serve. The same command works
// for SQLite (the default, ./data/vault.db) and PostgreSQL
// (DATABASE_URL=postgresql://...).
import { execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { envOrExit } from "../lib/env-schema.mjs";
import { buildIfStale } from "./build-if-stale.mjs";
import { migrate } from "./migrate.mjs";
import { root } from "./prisma-env.mjs";
import { workerArgs } from "./worker-command.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
// A bad setting stops here, before a build, rather than in each process later.
envOrExit();

const started = Date.now();
await buildIfStale();
migrate();
try {
  execFileSync(process.execPath, ["--import", "tsx", "cli/vault.ts", "setup"], {
    cwd: root,
    stdio: "inherit",
  });
} catch (error) {
  // setup printed why (keys that cannot serve this database, say); its exit
  // status is ours, without a stack trace of this script on top.
  process.exit(typeof error.status === "number" && error.status !== 0 ? error.status : 1);
}
console.log(`Prepared in ${Math.round((Date.now() - started) / 1000)} s; starting the server.`);

// The web app and the worker, as two processes (the worker delivers
// webhooks and runs housekeeping). For production run them separately, and
// as many of each as you like on PostgreSQL: README, "Running in production".
const children = [
  spawn(process.execPath, [join(root, "server.mjs")], { cwd: root, stdio: "inherit" }),
  spawn(process.execPath, workerArgs(), { cwd: root, stdio: "inherit" }),
];
let stopping = false;
let exitCode = 0;
const stopAll = (signal) => {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
};
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stopAll(signal));
// One of the two ending on its own ends the other: half a vault is not running.
let running = children.length;
for (const child of children) {
  child.on("exit", (code) => {
    if (!stopping) {
      exitCode = code || 1;
      stopAll("SIGTERM");
    }
    if (--running === 0) process.exit(exitCode);
  });
}
