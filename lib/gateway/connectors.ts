import "#server-only";
import type { GatewayConnector } from "./connector";
import { sandboxConnector } from "./sandbox-connector";
import { upstreamConnector } from "./upstream-connector";

// Every connector, by the name a merchant's gateway settings store. A new
// connector is its file in lib/gateway/ and one line here (ARCHITECTURE.md,
// "Adding a connector"); it is given the merchant's settings row.

/** A merchant's gateway settings as a connector is given them (the MerchantGateway row; absent: the sandbox). */
export type GatewaySettings = {
  connector: string;
  upstreamUrl: string | null;
  upstreamMerchantId: bigint | null;
  /** Opens the sealed security key, inside the connector's call only. */
  openSecurityKey: (() => string) | null;
};

const CONNECTORS: Record<string, (settings: GatewaySettings) => GatewayConnector> = {
  sandbox: () => sandboxConnector,
  upstream: upstreamConnector,
};

export const CONNECTOR_NAMES = Object.keys(CONNECTORS);

export function connectorFor(settings: GatewaySettings): GatewayConnector {
  const make = CONNECTORS[settings.connector];
  // Settings are written only with a registered name (lib/gateway/set-merchant-gateway.ts).
  if (!make) throw new Error(`No gateway connector named ${settings.connector}`);
  return make(settings);
}
