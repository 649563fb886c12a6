// Merchants and portal users for the browser tests, made in the test
// worker's own process through the same lib/ functions the operator CLI
// calls (`merchant create`, `user create`). Spawning the CLI for each one
// cost a Node start and a TypeScript compile per user, a few hundred times
// a run; the CLI itself is tested in tests/api/cli.test.ts.
//
// lib/ reads its database and key file from the environment once, so a
// worker process is bound to one vault. Playwright gives each project its
// own worker processes, so a worker only ever serves one database.
import { randomBytes } from "node:crypto";
import type { VaultInfo } from "./vaults";

/** The actor recorded in the audit log for what the seed makes. */
export const SEED_ACTOR = "test-seed";

let boundTo: string | undefined;

/** Points this process's lib/ at the vault's database and key file (once): call it before importing lib/ modules that reach the database. */
export function bindToVault(vault: VaultInfo): void {
  if (boundTo === vault.databaseUrl) return;
  if (boundTo !== undefined) throw new Error(`this test worker already seeds ${boundTo}; it cannot also seed ${vault.databaseUrl}`);
  Object.assign(process.env, {
    DATABASE_URL: vault.databaseUrl,
    VAULT_KEYS_FILE: vault.keysFile,
    PUBLIC_BASE_URL: vault.baseUrl,
    LOG_LEVEL: "warn",
  });
  boundTo = vault.databaseUrl;
}

export type SeededMerchant = { merchant_id: number; api_key: string; signing_secret: string };
export type SeededUser = { userId: number; email: string; password: string; role: string };

/** A new merchant with its first API key and signing secret (as `vault merchant create` prints them). */
export async function seedMerchant(vault: VaultInfo, name: string): Promise<SeededMerchant> {
  bindToVault(vault);
  const { createMerchant } = await import("@/lib/merchants/create-merchant");
  const made = await createMerchant({ name, actor: SEED_ACTOR });
  return { merchant_id: Number(made.merchantId), api_key: made.apiKey, signing_secret: made.signingSecret };
}

/** A new portal user with a random email and password. */
export async function seedUser(vault: VaultInfo, role: string, merchantId: number): Promise<SeededUser> {
  bindToVault(vault);
  const { createUser } = await import("@/lib/users/create-user");
  const email = `${role}-${randomBytes(6).toString("hex")}@shop.example`;
  const password = `pw-${randomBytes(12).toString("hex")}`;
  const made = await createUser({ merchantId: BigInt(merchantId), email, role, password, actor: SEED_ACTOR });
  return { userId: made.userId, email, password, role };
}

/** A new merchant (as seedMerchant) whose hosted pages show `displayName` in `primaryColor` (`merchant brand`). */
export async function seedBrandedMerchant(vault: VaultInfo, branding: { displayName: string; primaryColor: string }): Promise<SeededMerchant> {
  const made = await seedMerchant(vault, branding.displayName);
  const { setBranding } = await import("@/lib/merchants/branding");
  await setBranding({ merchantId: BigInt(made.merchant_id), actor: SEED_ACTOR }, branding);
  return made;
}
