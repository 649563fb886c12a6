import { describe, expect, it } from "vitest";
import { ROLES } from "../users/roles";
import { can, type Permission } from "./permissions";

// The role table as the README states it (The merchant portal, Roles): the
// server's checks and the pages' hidden controls both read it, so a grant
// that slips in here would open a control and its route together.
const EXPECTED: Record<Permission, readonly string[]> = {
  "customers.write": ["owner", "admin", "staff"],
  "links.write": ["owner", "admin", "staff"],
  "payments.write": ["owner", "admin", "staff"],
  "billing.write": ["owner", "admin"],
  "account_updater.write": ["owner", "admin"],
  "settings.write": ["owner", "admin"],
  "settings.read": ["owner", "admin"],
  "audit.read": ["owner", "admin"],
  "users.manage": ["owner"],
  "security.require_totp": ["owner"],
};

describe("can", () => {
  it.each(Object.entries(EXPECTED))("grants %s to exactly %j", (permission, roles) => {
    expect(ROLES.filter((role) => can(role, permission as Permission))).toEqual(roles);
  });

  it("grants nothing to a role the table does not know", () => {
    for (const permission of Object.keys(EXPECTED) as Permission[]) expect(can("superuser", permission)).toBe(false);
  });
});
