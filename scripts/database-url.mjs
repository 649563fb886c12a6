// Where the vault's data lives when DATABASE_URL is unset. Its own file, with
// no imports, because prisma.config.ts needs it too; DATABASE_URL's rule is
// in lib/env-schema.mjs.
export const DEFAULT_DATABASE_URL = "file:./data/vault.db";
