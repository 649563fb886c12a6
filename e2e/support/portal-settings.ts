// The settings side of the portal's browser tests: a merchant of the test's
// own (settings are merchant-wide, and the demo merchant is shared by other
// tests) with an owner and its secrets, reading rows back from the database
// (audit rows, webhook deliveries), a request the page itself would not make
// (a forged mutation with the page's CSRF token), and the real worker
// process, which the e2e server does not run.
import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { httpApiClient, type ApiClient } from "../../tests/support/http-client";
import { cliEnv, createPortalUser, type PortalUser } from "./portal";
import { seedMerchant } from "./seed";
import type { VaultInfo } from "./vaults";

export type SettingsMerchant = { merchantId: number; apiKey: string; signingSecret: string; api: ApiClient; owner: PortalUser };

/** A new merchant (with the secrets `merchant create` shows once) and an owner to sign in as. */
export async function settingsMerchant(vault: VaultInfo, name: string): Promise<SettingsMerchant> {
  const made = await seedMerchant(vault, name);
  return {
    merchantId: made.merchant_id,
    apiKey: made.api_key,
    signingSecret: made.signing_secret,
    api: httpApiClient(vault.baseUrl, made.api_key),
    owner: await createPortalUser(vault, "owner", made.merchant_id),
  };
}

/** A request from inside the signed-in page (its cookie, its origin) with the page's CSRF token: what a tampered page could send. */
export async function portalFetch(page: Page, path: string, method: string, body: unknown = {}): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ({ path, method, body }) => {
      const csrf = document.querySelector('meta[name="vault-csrf"]')?.getAttribute("content") ?? "";
      const response = await fetch(path, { method, headers: { "content-type": "application/json", "x-vault-csrf": csrf }, body: JSON.stringify(body) });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    { path, method, body },
  );
}

export type RunningWorker = { stop: () => Promise<void>; log: () => string };

/**
 * `npm run worker` against the vault's database, as an operator runs it
 * beside the server. It delivers every due event in that database, so only
 * the tests that need deliveries start one, and stop it when done.
 */
export async function startWorker(vault: VaultInfo, logDir: string): Promise<RunningWorker> {
  const logFile = join(logDir, `worker-${Date.now()}.log`);
  const fd = openSync(logFile, "a");
  const child = spawn(process.execPath, ["dist/worker.mjs"], {
    cwd: process.cwd(),
    env: { ...process.env, ...cliEnv(vault), LOG_LEVEL: "info", WORKER_POLL_MS: "100", WEBHOOK_TIMEOUT_MS: "3000" },
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  const log = () => readFileSync(logFile, "utf8");
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 30_000;
  while (!log().includes('"worker started"')) {
    if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}:\n${log()}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`worker did not start within 30 s:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    log,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
