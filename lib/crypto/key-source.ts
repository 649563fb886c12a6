import path from "node:path";
import { readEnvVariables, type EnvSource } from "../env-schema.mjs";

/** Where key material comes from: inline JSON in VAULT_KEYS, or a key file. */
export type KeySource = { kind: "env"; json: string; label: string } | { kind: "file"; path: string; label: string };

/**
 * The environment variables key loading reads. Wider than NodeJS.ProcessEnv
 * (which Next augments with a required NODE_ENV) so tests and tools can pass
 * a plain object; process.env fits too.
 */
export type KeyEnv = EnvSource;

/** Picks the key source from `env` by lib/env-schema.mjs's rules: VAULT_KEYS wins, else VAULT_KEYS_FILE, else ./data/keys.json. */
export function resolveKeySource(env: KeyEnv): KeySource {
  const settings = readEnvVariables(["VAULT_KEYS", "VAULT_KEYS_FILE"], env);
  if (settings.VAULT_KEYS !== undefined) return { kind: "env", json: settings.VAULT_KEYS, label: "env VAULT_KEYS" };
  const file = path.resolve(/*turbopackIgnore: true*/ process.cwd(), settings.VAULT_KEYS_FILE);
  return { kind: "file", path: file, label: `file ${file}` };
}

/** Resolves the key file for operations that edit it, refusing the env source. */
export function requireKeyFile(env: KeyEnv, action: string): string {
  const source = resolveKeySource(env);
  if (source.kind === "env") {
    throw new Error(
      `Cannot ${action}: keys come from env VAULT_KEYS, which this process cannot edit. ` +
        "Make the change in your secret manager and redeploy (keep old KEK versions until no data uses them).",
    );
  }
  return source.path;
}
