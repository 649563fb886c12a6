import { createMerchant } from "@/lib/merchants/create-merchant";
import { getDb } from "@/lib/db/client";
import { changeOrigins, listOrigins, parseOrigin } from "@/lib/merchants/origins";
import { setBranding } from "@/lib/merchants/branding";
import { BrandingSchema, type BrandingInput } from "@/lib/merchants/schemas";
import { describeLogo, logoDataUrl } from "@/lib/merchants/logo";
import { readFileSync } from "node:fs";
import { ApiError } from "@/lib/errors/api-error";
import { advanceSandboxClock, getMerchantGateway, setMerchantGateway } from "@/lib/gateway/set-merchant-gateway";
import { getEnrolment, setEnrolment } from "@/lib/account-updater/enrolment";
import { MAX_HARVEST_DAY } from "@/lib/account-updater/harvest-day";
import { merchantIdFlag, parseFlags, type Flags, printJson, required, UsageError } from "../args";

/** --logo FILE, read and checked: the page carries the image itself (lib/merchants/logo.ts). */
function readLogo(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new UsageError(`--logo: cannot read ${file}`);
  }
  const logo = logoDataUrl(bytes);
  if ("problem" in logo) throw new UsageError(`--logo: ${logo.problem}`);
  return logo.dataUrl;
}

/** --merchant, which must name a merchant that exists. */
async function existingMerchantId(flags: Flags): Promise<bigint> {
  const merchantId = merchantIdFlag(flags);
  const merchant = await getDb().merchant.findUnique({ where: { id: merchantId }, select: { id: true } });
  if (!merchant) throw new UsageError(`no merchant ${merchantId}`);
  return merchantId;
}

const FLAG_OF: Record<string, string> = { displayName: "name", logoUrl: "logo", primaryColor: "color" };

/** `merchant create`, `merchant list`, `merchant brand`, `merchant origins`, `merchant gateway` and `merchant account-updater`. */
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
  if (sub === "brand") {
    const flags = parseFlags(rest, { merchant: "string", name: "string", logo: "string", color: "string", clear: "string", json: "boolean" });
    const merchantId = await existingMerchantId(flags);
    const input: BrandingInput = {};
    if (typeof flags.name === "string") input.displayName = flags.name;
    if (typeof flags.logo === "string") input.logoUrl = readLogo(flags.logo);
    if (typeof flags.color === "string") input.primaryColor = flags.color;
    for (const field of typeof flags.clear === "string" ? flags.clear.split(",") : []) {
      const key = ({ name: "displayName", logo: "logoUrl", color: "primaryColor" } as const)[field.trim() as "name" | "logo" | "color"];
      if (!key) throw new UsageError("--clear takes name, logo and/or color, comma-separated");
      input[key] = null;
    }
    const problems = BrandingSchema.safeParse(input);
    if (!problems.success) {
      throw new UsageError(problems.error.issues.map((i) => `--${FLAG_OF[String(i.path[0])]}: ${i.message}`).join("\n"));
    }
    const branding = await setBranding({ merchantId, actor: "cli" }, input);
    const logo = describeLogo(branding.logoUrl);
    if (flags.json) return printJson({ merchant_id: merchantId, display_name: branding.displayName, logo, primary_color: branding.primaryColor });
    console.log(`Branding of ${merchantId}: name "${branding.displayName}", logo ${logo ?? "(none)"}, colour ${branding.primaryColor ?? "(default)"}`);
    return;
  }
  if (sub === "origins") {
    // --add and --remove take comma-separated origins.
    const flags = parseFlags(rest, { merchant: "string", add: "string", remove: "string", json: "boolean" });
    const merchantId = await existingMerchantId(flags);
    const parse = (list: unknown) =>
      (typeof list === "string" ? list.split(",") : []).map((value) => {
        const parsed = parseOrigin(value.trim());
        if ("problem" in parsed) throw new UsageError(`${value.trim()}: ${parsed.problem}`);
        return parsed.origin;
      });
    const add = parse(flags.add);
    const remove = parse(flags.remove);
    const origins = add.length + remove.length > 0 ? await changeOrigins({ merchantId, actor: "cli" }, add, remove) : await listOrigins(merchantId);
    if (flags.json) return printJson({ merchant_id: merchantId, origins });
    console.log(origins.length > 0 ? origins.join("\n") : "(no registered origins)");
    return;
  }
  if (sub === "gateway") {
    const flags = parseFlags(rest, {
      merchant: "string",
      "upstream-url": "string",
      "upstream-merchant-id": "string",
      "security-key": "string",
      sandbox: "boolean",
      "advance-clock": "string",
      json: "boolean",
    });
    const merchantId = await existingMerchantId(flags);
    const actor = { merchantId, actor: "cli" };
    const upstream = ["upstream-url", "upstream-merchant-id", "security-key"].filter((name) => typeof flags[name] === "string");
    if (flags.sandbox && upstream.length > 0) throw new UsageError("--sandbox takes no upstream flags");
    if (upstream.length > 0 && upstream.length < 3) throw new UsageError("an upstream gateway needs --upstream-url, --upstream-merchant-id and --security-key");
    try {
      if (flags.sandbox) await setMerchantGateway(actor, { connector: "sandbox" });
      if (upstream.length === 3) {
        await setMerchantGateway(actor, {
          connector: "upstream",
          upstreamUrl: String(flags["upstream-url"]),
          upstreamMerchantId: String(flags["upstream-merchant-id"]),
          securityKey: String(flags["security-key"]),
        });
      }
      if (typeof flags["advance-clock"] === "string") await advanceSandboxClock(actor, Number(flags["advance-clock"]));
    } catch (error) {
      if (error instanceof ApiError && error.fields) {
        const flagOf: Record<string, string> = {
          upstreamUrl: "upstream-url",
          upstreamMerchantId: "upstream-merchant-id",
          securityKey: "security-key",
          hours: "advance-clock",
        };
        throw new UsageError(
          Object.entries(error.fields)
            .map(([field, problem]) => `--${flagOf[field] ?? field}: ${problem}`)
            .join("\n"),
        );
      }
      throw error;
    }
    const view = await getMerchantGateway(merchantId);
    if (flags.json) {
      return printJson({
        merchant_id: merchantId,
        connector: view.connector,
        upstream_url: view.upstreamUrl,
        upstream_merchant_id: view.upstreamMerchantId,
        security_key_set: view.securityKeySet,
      });
    }
    console.log(
      view.connector === "upstream"
        ? `Gateway of ${merchantId}: upstream ${view.upstreamUrl} as merchant ${view.upstreamMerchantId} (security key set)`
        : `Gateway of ${merchantId}: sandbox`,
    );
    return;
  }
  if (sub === "account-updater") {
    const flags = parseFlags(rest, { merchant: "string", enrol: "boolean", unenrol: "boolean", day: "string", json: "boolean" });
    const merchantId = await existingMerchantId(flags);
    if (flags.enrol && flags.unenrol) throw new UsageError("--enrol and --unenrol: give one");
    if (flags.unenrol && typeof flags.day === "string") throw new UsageError("--day goes with --enrol");
    let harvestDay: number | undefined;
    if (typeof flags.day === "string") {
      harvestDay = /^[0-9]{1,2}$/.test(flags.day) ? Number(flags.day) : NaN;
      if (!(harvestDay >= 1 && harvestDay <= MAX_HARVEST_DAY)) throw new UsageError(`--day must be a day of the month from 1 to ${MAX_HARVEST_DAY}`);
    }
    const actor = { merchantId, actor: "cli" };
    const enrolment = flags.enrol || flags.unenrol ? await setEnrolment(actor, { enrolled: Boolean(flags.enrol), harvestDay }) : await getEnrolment(merchantId);
    if (flags.json) return printJson({ merchant_id: merchantId, enrolled: enrolment.enrolled, harvest_day: enrolment.enrolled ? enrolment.harvestDay : null });
    console.log(
      enrolment.enrolled
        ? `Account Updater of ${merchantId}: enrolled, harvested on day ${enrolment.harvestDay} of each month`
        : `Account Updater of ${merchantId}: not enrolled`,
    );
    return;
  }
  throw new UsageError(
    "usage: merchant create --name NAME [--json] | merchant list [--json] | " +
      "merchant account-updater --merchant ID [--enrol [--day 1-28] | --unenrol] [--json] | " +
      "merchant gateway --merchant ID [--sandbox | --upstream-url URL --upstream-merchant-id N --security-key KEY] [--advance-clock HOURS] [--json] | " +
      "merchant brand --merchant ID [--name N] [--logo FILE] [--color #rrggbb] [--clear name,logo,color] [--json] | " +
      "merchant origins --merchant ID [--add O1,O2] [--remove O3] [--json]",
  );
}
