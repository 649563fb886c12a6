import { getKeyring } from "@/lib/crypto/get-keyring";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { randomBytes } from "node:crypto";
import { createMerchant } from "@/lib/merchants/create-merchant";
import { createUser } from "@/lib/users/create-user";
import { parseFlags, printJson } from "../args";

/**
 * `setup`: what `npm start` does before serving. Makes sure the keys exist
 * (generating the embedded default's key file on first run) and creates a
 * demo merchant on the first start of an empty vault, printing its key once.
 */
export async function setupCommand(args: string[]): Promise<void> {
  const flags = parseFlags(args, { json: "boolean", "demo-name": "string" });
  const keyring = getKeyring();
  const existing = await getDb().merchant.findFirst({ select: { id: true, name: true }, orderBy: { createdAt: "asc" } });
  if (existing) {
    if (flags.json) return printJson({ demo_created: false, merchant_id: existing.id });
    console.log(`Keys: ${keyring.source}, KEK version ${keyring.activeKekVersion} active.`);
    console.log(`Merchant ${existing.id} (${existing.name}) exists. New API key: npm run vault -- key create --merchant ${existing.id}`);
    return;
  }
  const name = typeof flags["demo-name"] === "string" ? flags["demo-name"] : "Demo Merchant";
  const demo = await createMerchant({ name, actor: "setup" });
  // The demo's owner signs in to the portal with a random password, printed once like the key.
  const ownerPassword = randomBytes(12).toString("base64url");
  const owner = await createUser({ merchantId: BigInt(demo.merchantId), email: DEMO_OWNER_EMAIL, role: "owner", password: ownerPassword, actor: "setup" });
  if (flags.json) {
    return printJson({
      demo_created: true,
      merchant_id: demo.merchantId,
      api_key: demo.apiKey,
      signing_secret: demo.signingSecret,
      owner_email: owner.email,
      owner_password: ownerPassword,
    });
  }
  console.log("");
  console.log("A demo merchant was created (shown once; the vault keeps only a hash of the key):");
  console.log(`  merchant_id:    ${demo.merchantId}`);
  console.log(`  API key:        ${demo.apiKey}`);
  console.log(`  signing secret: ${demo.signingSecret}`);
  console.log(`  portal:         ${portalUrl()} (owner ${owner.email}, password ${ownerPassword})`);
  console.log(`  try:            curl -u ${demo.apiKey}: http://localhost:${getEnv().PORT}/platform/vault/customer`);
  console.log("");
}

const DEMO_OWNER_EMAIL = "owner@demo.example";

function portalUrl(): string {
  return `${getEnv().PUBLIC_BASE_URL}/portal`;
}
