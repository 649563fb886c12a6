// Runs the operator CLI as a child process, as an operator would.
import { execFileSync } from "node:child_process";

/** Runs `cli/vault.ts args` with env; returns the parsed JSON of its last stdout line. */
export function runCli(args: string[], env: Record<string, string>): unknown {
  const out = execFileSync(process.execPath, ["--import", "tsx", "cli/vault.ts", ...args], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  const last = out.trim().split("\n").at(-1) ?? "";
  return JSON.parse(last);
}
