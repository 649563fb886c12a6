// The Playwright `test` of the browser suite. Each project names its
// database (`use: { database }`); a worker gets that database's vault (from
// the global setup), an API client with the demo merchant's key, and its own
// merchant site for the redirects.
import { test as base } from "@playwright/test";
import { httpApiClient, type ApiClient } from "../../tests/support/http-client";
import { startMerchantSite, type MerchantSite } from "./merchant-site";
import { vaultFor, type Database, type VaultInfo } from "./vaults";

type WorkerFixtures = { database: Database; vault: VaultInfo; api: ApiClient; merchantSite: MerchantSite };

export const test = base.extend<object, WorkerFixtures>({
  database: ["sqlite", { option: true, scope: "worker" }],
  vault: [async ({ database }, use) => use(vaultFor(database)), { scope: "worker" }],
  api: [async ({ vault }, use) => use(httpApiClient(vault.baseUrl, vault.merchant.api_key)), { scope: "worker" }],
  merchantSite: [
    async ({}, use) => {
      const site = await startMerchantSite();
      await use(site);
      await site.close();
    },
    { scope: "worker" },
  ],
});

export { expect } from "@playwright/test";
