import "#server-only";
import { openSealed } from "../crypto/seal";
import { directQuery } from "../db/direct-sql";
import { Prisma } from "../db/sql";
import type { GatewayConnector } from "./connector";
import { connectorFor, type GatewaySettings } from "./connectors";

export type MerchantGateway = {
  connector: GatewayConnector;
  /** The gateway's clock: the real one, moved ahead on a sandbox to close its batches (docs/payments.md, "Settlement"). */
  now(): Date;
};

type SettingsRow = {
  connector: string;
  upstreamUrl: string | null;
  upstreamMerchantId: bigint | null;
  securityKeySealed: Uint8Array | null;
  clockOffsetSeconds: number;
};

/** The associated data of a merchant's sealed upstream security key. */
export function securityKeyAad(merchantId: bigint): string {
  return `gateway-security-key:${merchantId}`;
}

/** The connector a merchant's transactions go through: the sandbox unless an upstream gateway is set. */
export async function merchantGateway(merchantId: bigint): Promise<MerchantGateway> {
  const [row] = await directQuery<SettingsRow>(Prisma.sql`
    SELECT "connector", "upstreamUrl", "upstreamMerchantId", "securityKeySealed", "clockOffsetSeconds"
    FROM "MerchantGateway" WHERE "merchantId" = ${merchantId}`);
  const sealedKey = row?.securityKeySealed ?? null;
  const settings: GatewaySettings = {
    connector: row?.connector ?? "sandbox",
    upstreamUrl: row?.upstreamUrl ?? null,
    upstreamMerchantId: row?.upstreamMerchantId ?? null,
    openSecurityKey: sealedKey ? () => openSealed(sealedKey, securityKeyAad(merchantId)) : null,
  };
  const offsetMs = (row?.clockOffsetSeconds ?? 0) * 1000;
  return { connector: connectorFor(settings), now: () => new Date(Date.now() + offsetMs) };
}
