// Each test worker talks to the same database and keys as the server, so
// fixtures can create merchants through lib/ and tests can inspect rows.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.VAULT_KEYS_FILE = inject("keysFile");
process.env.LOG_LEVEL = "silent";
