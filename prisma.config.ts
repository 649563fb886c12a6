// Prisma CLI configuration for both databases. A provider is fixed per schema
// file, so PRISMA_PROVIDER (sqlite | postgres) picks the schema, migrations
// and driver adapter; scripts/prisma-env.mjs sets it for every CLI call.
// engine "js" + a driver adapter keeps the CLI on its WebAssembly engines, so
// it never downloads a native binary (docs/decisions/001).
// The CLI reads only ./prisma.config.ts before deciding whether it needs a
// native engine, which is why this is one file and not one per database.
import path from "node:path";
import type { PrismaConfig } from "prisma";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { DEFAULT_DATABASE_URL } from "./scripts/database-url.mjs";

const provider = process.env.PRISMA_PROVIDER === "postgres" ? "postgres" : "sqlite";

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", provider, "schema.prisma"),
  migrations: { path: path.join("prisma", provider, "migrations") },
  async adapter() {
    if (provider === "postgres") {
      return new PrismaPg({ connectionString: process.env.PRISMA_POSTGRES_URL });
    }
    return new PrismaBetterSQLite3({ url: process.env.PRISMA_SQLITE_URL ?? DEFAULT_DATABASE_URL });
  },
} satisfies PrismaConfig;
