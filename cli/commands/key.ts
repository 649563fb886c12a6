import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/merchants/api-keys";
import { merchantIdFlag, parseFlags, printJson, required, UsageError } from "../args";

/** `key create | revoke | list` for one merchant's API keys. */
export async function keyCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === "create") {
    const flags = parseFlags(rest, { merchant: "string", label: "string", json: "boolean" });
    const created = await createApiKey({ merchantId: merchantIdFlag(flags), label: flags.label as string | undefined });
    if (flags.json) return printJson({ key_id: created.id, api_key: created.key, prefix: created.prefix });
    console.log(`API key ${created.id} created: ${created.key}`);
    console.log("It is shown only now; the vault keeps a hash.");
    return;
  }
  if (sub === "revoke") {
    const flags = parseFlags(rest, { merchant: "string", id: "string" });
    const id = required(flags, "id");
    if (!/^\d+$/.test(id)) throw new UsageError("--id must be a key id (see `key list`)");
    await revokeApiKey({ merchantId: merchantIdFlag(flags), apiKeyId: Number(id) });
    console.log(`API key ${id} revoked.`);
    return;
  }
  if (sub === "list") {
    const flags = parseFlags(rest, { merchant: "string", json: "boolean" });
    const keys = await listApiKeys(merchantIdFlag(flags));
    if (flags.json) {
      return printJson(
        keys.map((k) => ({
          key_id: k.id,
          prefix: k.prefix,
          label: k.label,
          created: k.createdAt,
          last_used: k.lastUsedAt,
          revoked: k.revokedAt,
        })),
      );
    }
    for (const k of keys) {
      const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : "active";
      const used = k.lastUsedAt ? `last used ${k.lastUsedAt.toISOString()}` : "never used";
      console.log(`${k.id}  ${k.prefix}…  ${k.label ?? ""}  ${state}, ${used}`);
    }
    return;
  }
  throw new UsageError("usage: key create|revoke|list --merchant ID [--label L] [--id N] [--json]");
}
