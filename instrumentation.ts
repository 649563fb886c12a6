// Next.js calls register() once as the server starts, before it handles a
// request (never during `next build`). The vault uses it for the keys check
// every entry point runs first (lib/key-rotation/check-keys-at-start.ts): a
// missing key file while the database holds data, a KEK version the data
// uses that the keys lack, or keys that are not the ones the data was sealed
// with stop the server here, with the message, instead of failing on the
// first card. Next runs register() without awaiting it before server.mjs
// listens, so the check's promise is left where server.mjs waits for it.
const KEYS_CHECKED = Symbol.for("customer-vault.keys-checked");

export function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return Promise.resolve();
  const checked = import("./lib/key-rotation/check-keys-at-start").then(({ checkKeysOrExit }) => checkKeysOrExit());
  (globalThis as Record<symbol, unknown>)[KEYS_CHECKED] = checked;
  return checked;
}
