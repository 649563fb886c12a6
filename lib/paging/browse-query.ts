import { z } from "zod";

/**
 * The query of a browse operation (count, page, order_on, order_by, filter),
 * as the reference's list operations share it; `fields` are the names a
 * client may sort on.
 */
export function browseQuerySchema(fields: Record<string, string>, defaults: { orderOn: string; orderBy: "asc" | "desc" }) {
  return z.object({
    count: z
      .string()
      .regex(/^\d+$/, "must be a positive integer")
      .transform(Number)
      .refine((n) => n >= 1, "must be at least 1")
      // Capped, not refused: a client asking for 500 gets the 100 allowed.
      .transform((n) => Math.min(n, 100))
      .default(10),
    page: z
      .string()
      .regex(/^\d{1,9}$/, "must be an integer from 0 to 999999999")
      .transform(Number)
      .default(0),
    order_on: z
      .string()
      .refine((f) => Object.hasOwn(fields, f), { message: `must be one of ${Object.keys(fields).join(", ")}` })
      .default(defaults.orderOn),
    order_by: z.enum(["asc", "desc"], { error: "must be asc or desc" }).default(defaults.orderBy),
    filter: z.union([z.string(), z.array(z.string())]).optional(),
    merchant_id: z.string().optional(),
  });
}
