import "#server-only";
import { recordAudit, type Actor } from "../audit/record-audit";
import { seal } from "../crypto/seal";
import { toDbBytes } from "../db/bytes";
import { getDb, type Tx } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { ApiError } from "../errors/api-error";
import { zodFieldErrors } from "../errors/zod-fields";
import { resolvesToBlockedTarget } from "../urls/target-address";
import { securityKeyAad } from "./merchant-gateway";
import { GatewayFormSchema, type GatewayFormInput } from "./form-schemas";
import { GatewaySettingsSchema, type GatewaySettingsInput, type GatewayView } from "./schemas";

// Sets which gateway a merchant's transactions go through (docs/payments.md,
// "Connectors"): `npm run vault -- merchant gateway` and the portal's gateway
// settings. The upstream's security key is sealed like a card number, under
// its own associated data, and is in key rotation's list.

/** The merchant's gateway settings, as the CLI and the portal show them. */
export async function getMerchantGateway(merchantId: bigint): Promise<GatewayView> {
  const row = await getDb().merchantGateway.findUnique({ where: { merchantId } });
  return {
    connector: row?.connector ?? "sandbox",
    upstreamUrl: row?.upstreamUrl ?? null,
    upstreamMerchantId: row?.upstreamMerchantId?.toString() ?? null,
    securityKeySet: Boolean(row?.securityKeySealed),
    clockOffsetSeconds: row?.clockOffsetSeconds ?? 0,
  };
}

/** Validates and stores the settings; a 400 names each bad field. The sandbox's clock is kept. */
export async function setMerchantGateway(actor: Actor, input: GatewaySettingsInput): Promise<GatewayView> {
  const parsed = GatewaySettingsSchema.safeParse(input);
  if (!parsed.success) throw refused(zodFieldErrors(parsed.error, ""));
  return storeGateway(actor, parsed.data);
}

/** The portal's form: as setMerchantGateway, except that an empty security key keeps the one set. */
export async function saveGatewayForm(actor: Actor, input: GatewayFormInput): Promise<GatewayView> {
  const parsed = GatewayFormSchema.safeParse(input);
  if (!parsed.success) throw refused(zodFieldErrors(parsed.error, ""));
  const settings = parsed.data;
  return storeGateway(actor, settings.connector === "upstream" ? { ...settings, securityKey: settings.securityKey || null } : settings);
}

/** Validated settings; an upstream's securityKey null keeps the sealed one. */
type StoredSettings = { connector: "sandbox" } | { connector: "upstream"; upstreamUrl: string; upstreamMerchantId: string; securityKey: string | null };

const refused = (fields: Record<string, string>) => new ApiError("validation", "Gateway settings refused", fields);

async function storeGateway(actor: Actor, settings: StoredSettings): Promise<GatewayView> {
  const merchantId = actor.merchantId;
  let data;
  if (settings.connector === "upstream") {
    if (await resolvesToBlockedTarget(settings.upstreamUrl)) {
      throw refused({ upstreamUrl: "resolves to a private address the vault may not connect to" });
    }
    // Kept: the columns are left out of the write, so a key rotation re-wrapping it meanwhile is not undone.
    const sealedKey = settings.securityKey === null ? {} : sealSecurityKey(merchantId, settings.securityKey);
    data = { connector: "upstream", upstreamUrl: settings.upstreamUrl, upstreamMerchantId: BigInt(settings.upstreamMerchantId), ...sealedKey };
  } else {
    data = { connector: "sandbox", upstreamUrl: null, upstreamMerchantId: null, securityKeySealed: null, kekVersion: null };
  }
  await writeTransaction(async (tx) => {
    if (settings.connector === "upstream" && settings.securityKey === null) {
      const current = await tx.merchantGateway.findUnique({ where: { merchantId }, select: { securityKeySealed: true } });
      if (!current?.securityKeySealed) throw refused({ securityKey: "is required: no security key is set yet" });
    }
    await tx.merchantGateway.upsert({ where: { merchantId }, create: { merchantId, ...data }, update: data });
    await recordAudit(tx, actor, "merchant.gateway", { type: "merchant", id: String(merchantId) });
  });
  return getMerchantGateway(merchantId);
}

function sealSecurityKey(merchantId: bigint, securityKey: string) {
  const { sealed, kekVersion } = seal(securityKey, securityKeyAad(merchantId));
  return { securityKeySealed: toDbBytes(sealed), kekVersion };
}

/**
 * Moves the merchant's sandbox clock ahead by `hours` (1 to 8784, a leap
 * year): past a midnight, the batch closes and what was captured settles.
 * It never moves back, so a settled transaction stays settled.
 */
export async function advanceSandboxClock(actor: Actor, hours: number): Promise<{ clockOffsetSeconds: number }> {
  if (!Number.isInteger(hours) || hours < 1 || hours > 8784)
    throw new ApiError("validation", "Clock not moved", { hours: "must be a whole number from 1 to 8784" });
  const merchantId = actor.merchantId;
  const seconds = hours * 3600;
  const clockOffsetSeconds = await writeTransaction(async (tx) => {
    const moved = await moveClockAhead(tx, merchantId, seconds);
    await recordAudit(tx, actor, "merchant.sandbox_clock", { type: "merchant", id: String(merchantId) });
    return moved;
  });
  return { clockOffsetSeconds };
}

/** Moves a merchant's gateway clock ahead by `seconds`, in the caller's transaction (a merchant without settings is on the sandbox); answers the new offset. */
export async function moveClockAhead(tx: Tx, merchantId: bigint, seconds: number): Promise<number> {
  const moved = await tx.merchantGateway.upsert({
    where: { merchantId },
    create: { merchantId, connector: "sandbox", clockOffsetSeconds: seconds },
    update: { clockOffsetSeconds: { increment: seconds } },
  });
  return moved.clockOffsetSeconds;
}
