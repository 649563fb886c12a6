// Writes prisma/postgres/schema.prisma from prisma/sqlite/schema.prisma.
// Prisma fixes the provider per schema file, so the two databases need two
// schemas; generating one from the other keeps them from drifting apart.
// `--check` exits non-zero when the committed PostgreSQL schema is stale.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = readFileSync(join(root, "prisma/sqlite/schema.prisma"), "utf8");

export function postgresSchemaFrom(sqliteSchema) {
  const replaced = sqliteSchema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('env("PRISMA_SQLITE_URL")', 'env("PRISMA_POSTGRES_URL")')
    .replace('"../../lib/db/generated/sqlite"', '"../../lib/db/generated/postgres"');
  return "// GENERATED from prisma/sqlite/schema.prisma by scripts/prisma-sync-schemas.mjs. Do not edit.\n" + replaced;
}

const target = join(root, "prisma/postgres/schema.prisma");
const wanted = postgresSchemaFrom(source);
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {}
  if (current !== wanted) {
    console.error("prisma/postgres/schema.prisma is stale: run `npm run db:sync`.");
    process.exit(1);
  }
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, wanted);
}
