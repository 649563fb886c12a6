// The product as a merchant starts it: `npm start`'s script
// (scripts/start.mjs), which builds if needed, migrates, runs `vault setup`,
// then runs server.mjs and the worker side by side with its own output
// passed on to theirs. Only the database, the key file and the port are
// set; everything else, the log level included, is the default (a
// LOG_LEVEL in the bench's own environment is not passed on). It listens on
// 127.0.0.1 only, so the bench opens no port to the network.
import { childPids, commandLine, freePort, killIfStillRunning, spawnServer, stopChild, type ServerProcess } from "./server-process";

export type RunningProduct = ServerProcess & { serverPid: number; workerPid: number | null };

export async function startProduct(env: { DATABASE_URL: string; VAULT_KEYS_FILE: string }, logFile: string): Promise<RunningProduct> {
  const port = await freePort();
  const { LOG_LEVEL: _notPassedOn, ...inherited } = process.env;
  const started = await spawnServer(
    ["scripts/start.mjs"],
    { ...inherited, ...env, PORT: String(port), HOST: "127.0.0.1" },
    logFile,
    `http://127.0.0.1:${port}`,
    "/platform/ping",
  );
  const children = childPids(started.child.pid ?? 0);
  const serverPid = children.find((pid) => commandLine(pid).endsWith("server.mjs"));
  if (serverPid === undefined) {
    await stopChild(started.child);
    throw new Error(`scripts/start.mjs is serving, but no server.mjs child was found among ${children.join(", ") || "none"}`);
  }
  const workerPid = children.find((pid) => commandLine(pid).includes("dist/worker.mjs")) ?? null;
  // The start script passes SIGTERM on to both and exits when they have; should
  // it be killed instead, its two children must not outlive the bench.
  const commandLines = children.map((pid) => [pid, commandLine(pid)] as const);
  const stop = async () => {
    await stopChild(started.child);
    for (const [pid, command] of commandLines) killIfStillRunning(pid, command);
  };
  return { ...started, stop, serverPid, workerPid };
}
