import "#server-only";
import { z } from "zod";

// What the portal's audit log views filter on, shared by the paged browse
// and the CSV export. Every filter is an exact match; from is inclusive and
// to exclusive, so a day is [midnight, next midnight).

const exact = z.string().min(1, "cannot be empty").max(200, "must be at most 200 characters").optional();

export const auditLogFilterFields = {
  merchantId: z.bigint(),
  actor: exact,
  action: exact,
  targetType: exact,
  targetId: exact,
  from: z.date({ error: "must be a date" }).optional(),
  to: z.date({ error: "must be a date" }).optional(),
};

type AuditLogFilter = { merchantId: bigint; actor?: string; action?: string; targetType?: string; targetId?: string; from?: Date; to?: Date };

/** from must come before to. */
export function checkRange(filter: { from?: Date; to?: Date }, ctx: z.RefinementCtx): void {
  if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime()) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
  }
}

/** The Prisma where-clause of a filter, always within the one merchant. */
export function auditLogWhere(filter: AuditLogFilter) {
  return {
    merchantId: filter.merchantId,
    ...(filter.actor !== undefined ? { actor: filter.actor } : {}),
    ...(filter.action !== undefined ? { action: filter.action } : {}),
    ...(filter.targetType !== undefined ? { targetType: filter.targetType } : {}),
    ...(filter.targetId !== undefined ? { targetId: filter.targetId } : {}),
    ...(filter.from || filter.to ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
  };
}

export const auditLogSelect = {
  id: true,
  createdAt: true,
  actor: true,
  action: true,
  targetType: true,
  targetId: true,
  clientAddress: true,
  requestId: true,
} as const;

export type AuditLogRow = {
  id: number;
  createdAt: Date;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  clientAddress: string | null;
  requestId: string | null;
};

/** Newest first; the id orders rows written in the same millisecond. */
export const auditLogOrder: [{ createdAt: "desc" }, { id: "desc" }] = [{ createdAt: "desc" }, { id: "desc" }];
