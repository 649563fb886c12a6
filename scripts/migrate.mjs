// Applies the migrations of the configured database (npm run migrate; npm
// start runs it too). SQLite is switched to WAL, which lets readers work
// beside the single writer and survives in the file once set.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { databaseProviderOf, envOrExit, readEnvVariables } from "../lib/env-schema.mjs";
import { root, runPrisma } from "./prisma-env.mjs";

/** Runs `prisma migrate deploy` for the database in env; quiet unless it fails. */
export function migrate(env = process.env) {
  const url = readEnvVariables(["DATABASE_URL"], env).DATABASE_URL;
  const provider = databaseProviderOf(url);
  if (provider === "sqlite") {
    const file = resolve(root, url.replace(/^file:/, ""));
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.close();
  }
  try {
    runPrisma(provider, ["migrate", "deploy"], { url, stdio: "pipe" });
  } catch (error) {
    process.stderr.write(String(error.stdout ?? "") + String(error.stderr ?? ""));
    throw new Error(`Migrations failed on ${provider}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  envOrExit();
  migrate();
  console.log("Migrations applied.");
}
