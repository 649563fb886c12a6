// What the bench needs of the servers it starts: a free port, waiting until
// one answers, stopping it, and its memory (for the RSS after the bench).
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { freePort } from "../tests/support/server";

export { freePort };

export type ServerProcess = { baseUrl: string; child: ChildProcess; logFile: string; stop: () => Promise<void> };

/**
 * Spawns `node args` in the project root with exactly `env`, its stdout and stderr written straight into `logFile` (its own
 * descriptor, not a pipe this process must drain), and waits until `probe`
 * answers 401: listening, and checking API keys.
 */
export async function spawnServer(args: string[], env: NodeJS.ProcessEnv, logFile: string, baseUrl: string, probe: string): Promise<ServerProcess> {
  const log = openSync(logFile, "a");
  const child = spawn(process.execPath, args, { cwd: process.cwd(), env, stdio: ["ignore", log, log] });
  closeSync(log);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`node ${args.join(" ")} exited with ${child.exitCode}; see ${logFile}`);
    try {
      if ((await fetch(`${baseUrl}${probe}`)).status === 401) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`node ${args.join(" ")} did not answer within 120 s; see ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { baseUrl, child, logFile, stop: () => stopChild(child) };
}

/** SIGTERM, and SIGKILL if it has not exited 20 s later. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** The direct children of a process (Linux: /proc/<pid>/task/<pid>/children). */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** A process's command line, its arguments joined by spaces; "" when it is gone. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return "";
  }
}

/**
 * SIGKILL for a process this bench started that is still there (a child its
 * parent left behind): only while its command line is still `expected`, so
 * a pid the system has since given to another process is left alone.
 */
export function killIfStillRunning(pid: number, expected: string): void {
  if (expected === "" || commandLine(pid) !== expected) return;
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // gone meanwhile
  }
}

/** A field of /proc/<pid>/status in MB (VmRSS: resident now; VmHWM: its peak), or null when the process is gone. */
function statusMegabytes(pid: number, field: "VmRSS" | "VmHWM"): number | null {
  try {
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb === undefined ? null : Math.round(Number(kb) / 1024);
  } catch {
    return null;
  }
}

/** Resident memory in MB, or null when the process is gone. */
export function rssMegabytes(pid: number): number | null {
  return statusMegabytes(pid, "VmRSS");
}

/** Peak resident memory in MB, or null when the process is gone. */
export function peakRssMegabytes(pid: number): number | null {
  return statusMegabytes(pid, "VmHWM");
}

/** The child's exit code once it exits, or null after killing it when it has not exited within `ms`. */
export function exited(child: ChildProcess, ms: number): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, ms);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/**
 * Resident memory in MB of a process and every process under it (a server
 * that forks web processes counts them all), or null when it is gone.
 */
export function treeRssMegabytes(pid: number): number | null {
  const own = rssMegabytes(pid);
  if (own === null) return null;
  return childPids(pid).reduce((sum, child) => sum + (treeRssMegabytes(child) ?? 0), own);
}
