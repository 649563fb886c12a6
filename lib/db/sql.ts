import "#server-only";
// Prisma's tagged-template helpers for $queryRaw/$executeRaw. Both generated
// clients share one runtime, so these serve SQLite and PostgreSQL alike.
export { Prisma } from "./generated/sqlite/client";
