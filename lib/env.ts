import "#server-only";
import { readEnv, type EnvSource, type VaultEnv } from "./env-schema.mjs";

// The app's view of lib/env-schema.mjs, where every setting's one rule
// lives: parsed once, and a bad value throws an error naming it. The
// processes check the same rules before they start (lib/check-env.mjs), so
// inside a running server this never throws.

export type Env = VaultEnv;

let cached: Env | undefined;

/** The parsed environment; throws a readable error naming each bad variable. */
export function getEnv(source: EnvSource = process.env): Env {
  if (cached && source === process.env) return cached;
  const env = readEnv(source);
  if (source === process.env) cached = env;
  return env;
}
