import "#server-only";
import { z } from "zod";
import { getDb } from "../db/client";
import { parseOptions } from "../errors/parse-options";

/** What the portal shows of a user: never the password hash or second-factor secrets. */
export const userListSelect = { id: true, email: true, role: true, lastSignInAt: true, lockedUntil: true, createdAt: true } as const;

export type UserListRow = {
  id: number;
  email: string;
  role: string;
  lastSignInAt: Date | null;
  lockedUntil: Date | null;
  createdAt: Date;
};

const ListUsersSchema = z.object({ merchantId: z.bigint() });

/** The merchant's portal users, oldest first. */
export async function listUsers(options: { merchantId: bigint }): Promise<UserListRow[]> {
  const { merchantId } = parseOptions(ListUsersSchema, options);
  return getDb().user.findMany({ where: { merchantId }, select: userListSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}
