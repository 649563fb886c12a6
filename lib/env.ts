import "#server-only";
import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "../scripts/database-url.mjs";

// One place reads the environment, once, with zod: a missing or malformed
// setting stops the process with a message that names it.
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .refine((url) => /^(file:|postgres(ql)?:\/\/)/.test(url), {
      message: "must start with file: (SQLite) or postgresql:// (PostgreSQL)",
    }),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_BASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Pool size per process for PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Trust X-Forwarded-For for the client address (only behind a proxy you run). */
  TRUST_PROXY: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
});

export type Env = z.infer<typeof EnvSchema> & {
  PUBLIC_BASE_URL: string;
  /** PUBLIC_BASE_URL is https: cookies get Secure, pages ask browsers to upgrade http. */
  servedOverHttps: boolean;
  databaseProvider: "sqlite" | "postgres";
};

let cached: Env | undefined;

/** The parsed environment; throws a readable error naming each bad variable. */
export function getEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (cached && source === process.env) return cached;
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const publicBaseUrl = (parsed.data.PUBLIC_BASE_URL ?? `http://localhost:${parsed.data.PORT}`).replace(/\/+$/, "");
  const env: Env = {
    ...parsed.data,
    PUBLIC_BASE_URL: publicBaseUrl,
    servedOverHttps: publicBaseUrl.startsWith("https:"),
    databaseProvider: parsed.data.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgres",
  };
  if (source === process.env) cached = env;
  return env;
}
