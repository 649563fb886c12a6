import "#server-only";
import type { SealedColumn } from "../crypto/sealed-column";
import { cardNumbers, pendingCardNumbers } from "../vault/rewrap-card-numbers";
import { signingSecrets } from "../merchants/rewrap-signing-secrets";
import { webhookSecrets } from "../webhooks/rewrap-webhook-secrets";
import { totpSecrets } from "../users/rewrap-totp-secrets";
import { gatewaySecurityKeys } from "../gateway/rewrap-security-keys";
import { tokenNumbers } from "../payments/card-tokens";
import { sentCardNumbers } from "../account-updater/requests/rewrap-sent-numbers";

/**
 * Every column of sealed values, in the order rotation re-wraps them. A new
 * encrypted column gets its entry in its own area (a `SealedColumn`) and one
 * line here; a column missing from this list would be left under the old KEK
 * version, and unreadable once that version is retired.
 */
export const SEALED_COLUMNS: readonly SealedColumn[] = [
  cardNumbers,
  pendingCardNumbers,
  signingSecrets,
  webhookSecrets,
  totpSecrets,
  gatewaySecurityKeys,
  tokenNumbers,
  sentCardNumbers,
];
