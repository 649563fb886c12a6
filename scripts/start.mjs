// `npm start`: build if needed, apply migrations, make sure keys and a demo
// merchant exist, then serve. The same command works for SQLite (the
// default, ./data/vault.db) and PostgreSQL (DATABASE_URL=postgresql://...).
import { execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { buildIfStale } from "./build-if-stale.mjs";
import { migrate } from "./migrate.mjs";
import { root } from "./prisma-env.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";

const started = Date.now();
await buildIfStale();
migrate();
execFileSync(process.execPath, ["--import", "tsx", "cli/vault.ts", "setup"], {
  cwd: root,
  stdio: "inherit",
});
console.log(`Prepared in ${Math.round((Date.now() - started) / 1000)} s; starting the server.`);

const server = spawn(process.execPath, [join(root, "server.mjs")], { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
