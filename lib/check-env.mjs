// Imported first by each process's entry point (server.mjs, worker/main.ts,
// cli/vault.ts): imports run in order, so a bad setting stops the process
// here, with env-schema.mjs's message, before any module that reads a
// setting at load time (the logger's LOG_LEVEL) can fail less clearly.
import { envOrExit } from "./env-schema.mjs";

envOrExit();
