// Portal roles, most to least powerful: owners manage everything
// including users; admins everything but users; staff edit customers;
// viewers read.
export const ROLES = ["owner", "admin", "staff", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
