import type { Role } from "../users/roles";

// What each portal role may do (docs/decisions/008). The server checks these on every
// mutation (lib/portal/portal-route.ts); pages use the same table to hide
// controls a user cannot use, so the two never disagree.
const GRANTS = {
  /** Create, edit and delete customers, their cards and shipping addresses. */
  "customers.write": ["owner", "admin", "staff"],
  /** Create checkout links. */
  "links.write": ["owner", "admin", "staff"],
  /** Charge a stored card, make payment links; capture, refund and void transactions. */
  "payments.write": ["owner", "admin", "staff"],
  /** Create, edit and archive plans; pause, resume and cancel subscriptions and change the card they charge. */
  "billing.write": ["owner", "admin"],
  /** Enrol in the Account Updater and set its harvest day; hold a card out of its harvests and release it. */
  "account_updater.write": ["owner", "admin"],
  /** Branding, origins, URLs, signing secret, API keys, webhooks. */
  "settings.write": ["owner", "admin"],
  /** Read settings, keys and webhooks (never a secret). */
  "settings.read": ["owner", "admin"],
  /** Read and export the audit log. */
  "audit.read": ["owner", "admin"],
  /** Invite users, change roles, remove users, unlock a locked user. */
  "users.manage": ["owner"],
  /** Require a second factor for every user of the merchant. */
  "security.require_totp": ["owner"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof GRANTS;

/** Whether a role carries a permission. */
export function can(role: string, permission: Permission): boolean {
  return (GRANTS[permission] as readonly string[]).includes(role);
}
