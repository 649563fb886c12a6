import "#server-only";
import { type Tx } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { ApiError, fieldError } from "../errors/api-error";
import { isUniqueViolation } from "../db/unique-violation";
import { recordAudit } from "../audit/record-audit";
import { hashPassword, passwordProblem } from "./password";
import { isRole, ROLES } from "./roles";

export type CreatedUser = { userId: number; email: string; role: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The email as stored (trimmed, lower-cased), or a 400 naming the field. */
export function normaliseEmail(input: string): string {
  const email = input.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) throw fieldError("email", "must be an email address");
  return email;
}

/** A 400 naming the field unless the role is one of the four. */
export function checkRole(role: string): void {
  if (!isRole(role)) throw fieldError("role", `must be one of ${ROLES.join(", ")}`);
}

/** Creates a portal user for a merchant; the email is unique across the vault. */
export async function createUser(options: { merchantId: bigint; email: string; role: string; password: string; actor: string }): Promise<CreatedUser> {
  const email = normaliseEmail(options.email);
  checkRole(options.role);
  const passwordHash = await hashNewPassword(options.password);
  return writeTransaction(async (tx) => {
    const merchant = await tx.merchant.findUnique({ where: { id: options.merchantId }, select: { id: true } });
    if (!merchant) throw new ApiError("not_found", "Merchant not found");
    return insertUser(tx, { merchantId: options.merchantId, email, role: options.role, passwordHash, actor: options.actor });
  });
}

/** The password's scrypt hash, after the length rule (a 400 naming `password`). */
export async function hashNewPassword(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw fieldError("password", problem);
  return hashPassword(password);
}

/** Inserts the user and its audit row in the caller's transaction (accepting an invitation uses it too). */
export async function insertUser(
  tx: Tx,
  options: { merchantId: bigint; email: string; role: string; passwordHash: string; actor: string },
): Promise<CreatedUser> {
  try {
    const user = await tx.user.create({
      data: { merchantId: options.merchantId, email: options.email, passwordHash: options.passwordHash, role: options.role },
      select: { id: true },
    });
    await recordAudit(tx, { merchantId: options.merchantId, actor: options.actor }, "user.create", { type: "user", id: String(user.id) });
    return { userId: user.id, email: options.email, role: options.role };
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError("conflict", "A user with this email already exists");
    throw error;
  }
}
