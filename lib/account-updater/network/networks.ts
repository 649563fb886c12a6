import type { AccountUpdaterNetwork } from "./network";
import { sandboxNetwork } from "./sandbox-network";

// The networks a file can be sent to, by name. Only the sandbox exists: a
// real programme (Visa VAU, Mastercard ABU, ...) needs an acquirer's
// enrolment that cannot be reached from here; it would be one more line.

const NETWORKS: Record<string, AccountUpdaterNetwork> = { sandbox: sandboxNetwork };

/** The network a merchant's files go to. */
export function networkForMerchant(): AccountUpdaterNetwork {
  return sandboxNetwork;
}

/** The network a file was sent to, to collect its answers from. */
export function networkNamed(name: string): AccountUpdaterNetwork {
  const network = NETWORKS[name];
  if (!network) throw new Error(`Unknown Account Updater network: ${name}`);
  return network;
}
