import "#server-only";
import { verifyKeysForData, type KeysForData } from "../crypto/verify-keys-for-data";
import type { KeyEnv } from "../crypto/key-source";
import { KeysForDataError } from "../crypto/keys-for-data-error";
import { SEALED_COLUMNS } from "./sealed-columns";

/**
 * The keys check every entry point runs before it touches data (the server's
 * instrumentation.ts, worker/main.ts, cli/vault.ts): lib/crypto's
 * verifyKeysForData over every sealed column. Throws KeysForDataError when
 * the keys cannot serve this database; prints what an operator must know.
 */
export async function checkKeysAtStart(options: { env?: KeyEnv } = {}): Promise<KeysForData> {
  const result = await verifyKeysForData({
    columns: SEALED_COLUMNS,
    env: options.env,
    onGenerated: (file) => console.warn(`[vault] generated a new key file at ${file}; back it up, data sealed with it is unreadable without it`),
  });
  if (result.unchecked.length > 0) {
    console.warn(
      `[vault] KEK version(s) ${result.unchecked.join(", ")} protect data but have no key check value yet, and no value this process can open ` +
        "proves them: they are checked when a value is opened. `npm run vault -- keys rotate` re-wraps that data under a checked version.",
    );
  }
  return result;
}

/**
 * checkKeysAtStart for a long-running process (the server, the worker): on
 * KeysForDataError, prints the message and exits 1 before anything else
 * runs. Other errors (an unreachable database) are thrown as they are.
 */
export async function checkKeysOrExit(): Promise<void> {
  try {
    await checkKeysAtStart();
  } catch (error) {
    if (!(error instanceof KeysForDataError)) throw error;
    console.error(`Error: ${error.message}`);
    process.exit(1);
  }
}
