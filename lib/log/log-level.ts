// Reads the LOG_LEVEL setting without letting a typo take the service down.

import type { LevelWithSilent } from "pino";

const LEVELS: readonly LevelWithSilent[] = ["trace", "debug", "info", "warn", "error", "fatal", "silent"];
const DEFAULT_LEVEL: LevelWithSilent = "info";

/** The pino level named by `raw` (case-insensitive, trimmed), or "info" when unset or unknown. */
export function resolveLogLevel(raw: string | undefined): LevelWithSilent {
  const wanted = raw?.trim().toLowerCase();
  // pino throws on an unknown level; failing every import of the logger over
  // a misspelt env var would be worse than logging at the default level.
  return LEVELS.find((level) => level === wanted) ?? DEFAULT_LEVEL;
}
