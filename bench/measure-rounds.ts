// One autocannon run per scenario, in interleaved rounds, median kept.
import autocannon from "autocannon";

export const CONNECTIONS = 16;
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
export const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);

/**
 * One run's figures. `failed`: responses that were not the scenario's
 * expected answer (for the API any non-2xx; for a hosted submit anything but
 * a 303 to the success_url). `errors`: connection errors and timeouts.
 */
export type Figures = { requestsPerSecond: number; p50: number; p99: number; non2xx: number; failed: number; errors: number; total: number };
/** A scenario's median round, its failures summed over the rounds, and each round's rate. */
export type Summary = Figures & { rounds: number[] };

/** What a scenario runs: autocannon's options, how long, and (when not "any 2xx") how to count failures. */
export type Prepared = { options: autocannon.Options; seconds?: number; failed?: (result: autocannon.Result) => number };
export type Scenario = (warmup: boolean) => Prepared | Promise<Prepared>;

async function run({ options, seconds = SECONDS, failed }: Prepared): Promise<Figures> {
  const result = await autocannon({ connections: CONNECTIONS, duration: seconds, ...options });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    failed: failed ? failed(result) : result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Measures scenarios in interleaved rounds (product add, floor add, product
 * get, floor get, ...) and keeps each scenario's median round: this
 * machine's speed drifts by tens of percent within a minute, and
 * interleaving makes the shares compare like with like. Each scenario first
 * runs untimed, so its own code paths are compiled by the JIT before any
 * clock starts.
 */
export async function measureRounds<K extends string>(scenarios: Record<K, Scenario>): Promise<Record<K, Summary>> {
  const names = Object.keys(scenarios) as K[];
  const rounds = {} as Record<K, Figures[]>;
  for (const name of names) {
    await run({ ...(await scenarios[name](true)), seconds: WARMUP_SECONDS });
    rounds[name] = [];
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of names) rounds[name].push(await run(await scenarios[name](false)));
  }
  const summary = {} as Record<K, Summary>;
  for (const name of names) {
    const figures = rounds[name];
    const sum = (key: "non2xx" | "failed" | "errors" | "total") => figures.reduce((n, f) => n + f[key], 0);
    summary[name] = {
      requestsPerSecond: median(figures.map((f) => f.requestsPerSecond)),
      p50: median(figures.map((f) => f.p50)),
      p99: median(figures.map((f) => f.p99)),
      non2xx: sum("non2xx"),
      failed: sum("failed"),
      errors: sum("errors"),
      total: sum("total"),
      rounds: figures.map((f) => f.requestsPerSecond),
    };
  }
  return summary;
}
