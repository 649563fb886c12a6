// Runs the Prisma CLI for one database. The Prisma 6.19 CLI falls back to
// downloading a native engine unless the schema's datasource url variable is
// set to a well-formed URL for its provider, even though the driver adapter in
// prisma.config.ts decides where it really connects. The placeholders satisfy
// that check for commands that never connect (generate, diff).
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const placeholderUrls = {
  PRISMA_SQLITE_URL: "file:./placeholder.db",
  PRISMA_POSTGRES_URL: "postgresql://placeholder@127.0.0.1:5432/placeholder",
};

/** Runs `prisma <args>` for provider ("sqlite" | "postgres"); url is the real database, if any. */
export function runPrisma(provider, args, { url, stdio = "inherit" } = {}) {
  const env = {
    ...process.env,
    ...placeholderUrls,
    PRISMA_PROVIDER: provider,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  };
  if (url) env[provider === "postgres" ? "PRISMA_POSTGRES_URL" : "PRISMA_SQLITE_URL"] = url;
  return execFileSync(process.execPath, [join(root, "node_modules/prisma/build/index.js"), ...args], {
    cwd: root,
    stdio,
    env,
    encoding: "utf8",
  });
}
