// What the global setup hands to the test workers: one running vault per
// database, as JSON in an environment variable (Playwright passes the
// global setup's process.env on to its workers).

export type Database = "sqlite" | "postgres";
export const DATABASES: readonly Database[] = ["sqlite", "postgres"];

export type VaultInfo = {
  database: Database;
  /** Where the browser and the API client reach the vault: http://localhost:PORT (PUBLIC_BASE_URL). */
  baseUrl: string;
  databaseUrl: string;
  /** The key file, for running the CLI against this vault. */
  keysFile: string;
  logFile: string;
  /** The demo merchant `vault setup --json` created, branded by the setup. */
  merchant: { merchant_id: number; api_key: string; signing_secret: string; owner_email: string; owner_password: string };
  shopName: string;
};

const VARIABLE = "CUSTOMER_VAULT_E2E";

export function publishVaults(vaults: Partial<Record<Database, VaultInfo>>): void {
  process.env[VARIABLE] = JSON.stringify(vaults);
}

export function vaultFor(database: Database): VaultInfo {
  const vaults = JSON.parse(process.env[VARIABLE] ?? "{}") as Partial<Record<Database, VaultInfo>>;
  const vault = vaults[database];
  if (!vault) throw new Error(`No ${database} vault was started by e2e/support/global-setup.ts`);
  return vault;
}
