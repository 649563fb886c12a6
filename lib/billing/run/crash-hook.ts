import "#server-only";
import { getEnv } from "../../env";

// A test hook for the billing run's crash tests (tests/worker): with
// BILLING_CRASH_AT set to "after-ledger" or "after-call", a worker process
// kills itself with SIGKILL right after committing a charge's ledger row, or
// right after the connector answered and before the outcome is written: the
// two moments a crash must neither lose nor double a charge. Unset (always,
// outside those tests), it does nothing.

export type CrashPoint = "after-ledger" | "after-call";

export function crashIfAskedAt(point: CrashPoint): void {
  if (getEnv().BILLING_CRASH_AT === point) process.kill(process.pid, "SIGKILL");
}
