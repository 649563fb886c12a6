// How a worker process starts: `npm start`, the benches and the tests all
// start it with these arguments (and `npm run worker` in package.json says
// the same), so what is measured and tested is what runs.
//
// The heap is capped (docs/decisions/017-worker-heap-cap.md): the worker
// holds 20-40 MB however much it processes, but without a cap V8 lets
// hundreds of MB of garbage build up between collections during a harvest
// of 100,000 cards.
export const WORKER_HEAP_MB = 128;

/** node's arguments for the worker, relative to the project's root. */
export function workerArgs() {
  return [`--max-old-space-size=${WORKER_HEAP_MB}`, "dist/worker.mjs"];
}
