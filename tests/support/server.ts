// Starts the built vault (server.mjs, as `npm start` does) as a real child
// process, with its log captured to a file for the leak test.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { createServer } from "node:net";

export type RunningServer = { baseUrl: string; port: number; logFile: string; child: ChildProcess; stop: () => Promise<void> };

/** A TCP port that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Spawns server.mjs with env and waits until it answers. `port` is picked
 * free unless given (a caller that must know the port first, e.g. to set
 * PUBLIC_BASE_URL, picks it with freePort()).
 */
export async function startServer(env: Record<string, string>, logFile: string, port?: number): Promise<RunningServer> {
  port ??= await freePort();
  // The server writes its log straight into the file (its own copy of the
  // descriptor), not through a pipe this process must drain: a busy test
  // runner then cannot delay a line the leak test is waiting for.
  const log = openSync(logFile, "a");
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: process.cwd(),
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server.mjs exited with ${child.exitCode}; see ${logFile}`);
    try {
      const response = await fetch(`${baseUrl}/platform/ping`);
      if (response.status === 401) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start within 60 s; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    port,
    logFile,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
