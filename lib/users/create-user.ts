import "#server-only";
import { getDb } from "../db/client";
import { ApiError, fieldError } from "../api/api-error";
import { isUniqueViolation } from "../api/to-api-error";
import { recordAudit } from "../audit/record-audit";
import { hashPassword, passwordProblem } from "./password";
import { isRole, ROLES } from "./roles";

export type CreatedUser = { userId: number; email: string; role: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Creates a portal user for a merchant; the email is unique across the vault. */
export async function createUser(options: { merchantId: bigint; email: string; role: string; password: string; actor: string }): Promise<CreatedUser> {
  const email = options.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) throw fieldError("email", "must be an email address");
  if (!isRole(options.role)) throw fieldError("role", `must be one of ${ROLES.join(", ")}`);
  const problem = passwordProblem(options.password);
  if (problem) throw fieldError("password", problem);
  const passwordHash = await hashPassword(options.password);
  try {
    return await getDb().$transaction(async (tx) => {
      const merchant = await tx.merchant.findUnique({ where: { id: options.merchantId }, select: { id: true } });
      if (!merchant) throw new ApiError("not_found", "Merchant not found");
      const user = await tx.user.create({ data: { merchantId: options.merchantId, email, passwordHash, role: options.role }, select: { id: true } });
      await recordAudit(tx, { merchantId: options.merchantId, actor: options.actor }, "user.create", { type: "user", id: String(user.id) });
      return { userId: user.id, email, role: options.role };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError("conflict", "A user with this email already exists");
    throw error;
  }
}
