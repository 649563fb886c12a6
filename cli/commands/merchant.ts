import { createMerchant } from "@/lib/merchants/create-merchant";
import { getDb } from "@/lib/db/client";
import { parseFlags, printJson, required, UsageError } from "../args";

/** `merchant create --name NAME [--json]` and `merchant list [--json]`. */
export async function merchantCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === "create") {
    const flags = parseFlags(rest, { name: "string", json: "boolean" });
    const name = required(flags, "name");
    if (name.length > 128) throw new UsageError("--name must be at most 128 characters");
    const created = await createMerchant({ name });
    if (!flags.json) {
      console.log(`Merchant created: ${name}`);
      console.log(`  merchant_id:    ${created.merchantId}`);
      console.log(`  API key:        ${created.apiKey}`);
      console.log(`  signing secret: ${created.signingSecret}`);
      console.log("Both secrets are shown only now. Store them in your secret manager.");
    }
    if (flags.json) {
      printJson({ merchant_id: created.merchantId, api_key: created.apiKey, signing_secret: created.signingSecret });
    }
    return;
  }
  if (sub === "list") {
    const flags = parseFlags(rest, { json: "boolean" });
    const merchants = await getDb().merchant.findMany({ select: { id: true, name: true, createdAt: true }, orderBy: { createdAt: "asc" } });
    if (flags.json) return printJson(merchants.map((m) => ({ merchant_id: m.id, name: m.name, created: m.createdAt })));
    for (const m of merchants) console.log(`${m.id}  ${m.name}  (created ${m.createdAt.toISOString()})`);
    return;
  }
  throw new UsageError("usage: merchant create --name NAME [--json] | merchant list [--json]");
}
