import { parseArgs } from "node:util";

/** Thrown for a command line the user should fix; printed without a stack. */
export class UsageError extends Error {}

export type Flags = Record<string, string | boolean | undefined>;

/** Parses `--name value` and `--flag` options for one command. */
export function parseFlags(argv: string[], spec: Record<string, "string" | "boolean">): Flags {
  const options = Object.fromEntries(Object.entries(spec).map(([name, type]) => [name, { type }]));
  try {
    return parseArgs({ args: argv, options, allowPositionals: false, strict: true }).values as Flags;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A required string option. */
export function required(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} is required`);
  return value;
}

/** A merchant id option: digits only. */
export function merchantIdFlag(flags: Flags): bigint {
  const value = required(flags, "merchant");
  if (!/^\d{1,16}$/.test(value)) throw new UsageError("--merchant must be a numeric merchant id");
  return BigInt(value);
}

/** Prints a JSON line (bigints as numbers, as the API does). */
export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? Number(v) : v)));
}
