// postinstall: regenerate both Prisma clients (SQLite and PostgreSQL) offline.
import { execFileSync } from "node:child_process";
import { root, runPrisma } from "./prisma-env.mjs";

execFileSync(process.execPath, ["scripts/prisma-sync-schemas.mjs"], { cwd: root, stdio: "inherit" });
for (const provider of ["sqlite", "postgres"]) runPrisma(provider, ["generate"]);
