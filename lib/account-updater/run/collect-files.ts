import "#server-only";
import { networkNamed } from "../network/networks";
import { applyAnswers, type ApplyCounts } from "./apply-answers";
import { claimFile, filesWaiting, releaseFile, type ClaimLease } from "./file-claims";
import { readFileResults, type AccountUpdaterFileRow } from "./file-results";

// Collecting (docs/account-updater.md, "The run"): each sent file's answers
// are asked of its network; a file the network has not answered yet is
// asked again on a later pass, one that has answers is applied in one
// transaction (apply-answers.ts).

const COLLECT_BATCH = 20;
/** How long a file the network has not answered waits before it is asked again. */
const NOT_YET_MS = 60_000;

/** Collects and applies the answers waiting; with `sentBeforeToday` (the sandbox clock), only files sent on an earlier day. */
export async function collectFiles(
  merchantId: bigint,
  today: number,
  lease: ClaimLease,
  options: { isStopping?: (() => boolean) | undefined; sentBeforeToday?: boolean | undefined } = {},
): Promise<ApplyCounts> {
  const { isStopping } = options;
  const counts: ApplyCounts = { applied: 0, updated: 0, held: 0, completed: 0 };
  for (;;) {
    const files = await filesWaiting(merchantId, "collect", COLLECT_BATCH, options.sentBeforeToday ? today : undefined);
    if (files.length === 0) return counts;
    for (const file of files) {
      if (isStopping?.()) return counts;
      if (!(await claimFile(file.id, lease))) continue;
      try {
        const done = await collectFile(file, today, lease.workerId);
        for (const key of Object.keys(counts) as (keyof ApplyCounts)[]) counts[key] += done[key];
      } catch (error) {
        await releaseFile(file.id, lease.workerId);
        throw error;
      }
    }
    if (files.length < COLLECT_BATCH) return counts;
  }
}

async function collectFile(file: AccountUpdaterFileRow, today: number, workerId: string): Promise<ApplyCounts> {
  const results = await readFileResults(file);
  // A file waiting for its answers was sent (filesWaiting's "collect"): it has both.
  const answers = await networkNamed(file.network!).collect(
    file.networkRef!,
    results.map((result) => result.id),
  );
  if (answers === null) {
    await releaseFile(file.id, workerId, Date.now() + NOT_YET_MS);
    return { applied: 0, updated: 0, held: 0, completed: 0 };
  }
  return applyAnswers(file, results, answers, today);
}
