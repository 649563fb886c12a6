import "#server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Prisma } from "./sql";

// A statement that must commit together with the first write of a piece of
// work, whichever write that turns out to be: the Idempotency-Key's record
// (lib/idempotency/) rides in the handler's own transaction this way, so the
// key is spent exactly when the request's effects commit, and a request that
// loses the key to a concurrent twin writes nothing. The work itself does not
// know: both write paths (writeTransaction and directWriteAtomically) run the
// statement first in their transaction while it is pending.

export type FirstWriteState = "pending" | "committed" | "refused";

export class FirstWrite {
  state: FirstWriteState = "pending";
  constructor(readonly statement: Prisma.Sql) {}
}

/** The first write's statement hit a unique index: another piece of work holds what it claims. Nothing was written. */
export class FirstWriteRefused extends Error {
  constructor() {
    super("The first write of this request was refused: a concurrent request claimed the same key first");
    this.name = "FirstWriteRefused";
  }
}

const context = new AsyncLocalStorage<FirstWrite>();

/** Runs `work` with `first` to be written first by its first write transaction. */
export function runWithFirstWrite<T>(first: FirstWrite, work: () => Promise<T>): Promise<T> {
  return context.run(first, work);
}

/**
 * Runs one write transaction: `write` is given the statement to run first in
 * it, or null, and must throw FirstWriteRefused when that statement hits a
 * unique index. Once refused, every later write of the same work is refused
 * too, so whatever the work makes of the error, it writes nothing.
 * The work's writes are sequential (no handler writes in parallel): two at
 * once would both carry the statement and one would be refused.
 */
export async function carryingFirstWrite<T>(write: (first: Prisma.Sql | null) => Promise<T>): Promise<T> {
  const first = context.getStore();
  if (!first || first.state === "committed") return write(null);
  if (first.state === "refused") throw new FirstWriteRefused();
  try {
    const result = await write(first.statement);
    first.state = "committed";
    return result;
  } catch (error) {
    if (error instanceof FirstWriteRefused) first.state = "refused";
    throw error;
  }
}
