// The hand-written floor (bench/floor/api-floor-server.ts) as its own
// process, on the product's database and key file, like the product on
// 127.0.0.1 with its log line per request written to a file.
import { freePort, spawnServer, type ServerProcess } from "./server-process";

export async function startFloor(env: { DATABASE_URL: string; VAULT_KEYS_FILE: string }, logFile: string): Promise<ServerProcess> {
  const port = await freePort();
  return spawnServer(
    ["--import", "tsx", "bench/floor/api-floor-server.ts"],
    { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    logFile,
    `http://127.0.0.1:${port}`,
    "/platform/vault/customer/probe",
  );
}
