import { z } from "zod";
import { UpstreamGatewaySchema } from "./schemas";

// The portal's gateway form: the CLI's rules (lib/gateway/schemas.ts), used
// by the browser form's resolver and by the route that receives it. Two
// differences, both for a person typing: the URL and the merchant id are
// trimmed, and an empty security key keeps the one already set, which the
// page never shows and so can never send back.

const upstream = UpstreamGatewaySchema.shape;

/** The upstream's security key, or "" to keep the one set. */
const KeptOrNewSecurityKey = z.string().superRefine((value, ctx) => {
  if (value === "") return;
  const checked = upstream.securityKey.safeParse(value);
  if (!checked.success) ctx.addIssue({ code: "custom", message: checked.error.issues[0]?.message ?? "is not a valid security key" });
});

export const UpstreamGatewayFormSchema = z.object({
  connector: z.literal("upstream"),
  upstreamUrl: z.string().trim().min(1, "is required").pipe(upstream.upstreamUrl),
  upstreamMerchantId: z.string().trim().min(1, "is required").pipe(upstream.upstreamMerchantId),
  securityKey: KeptOrNewSecurityKey,
});
export type UpstreamGatewayFormInput = z.input<typeof UpstreamGatewayFormSchema>;

export const GatewayFormSchema = z.discriminatedUnion("connector", [z.object({ connector: z.literal("sandbox") }), UpstreamGatewayFormSchema], {
  error: "connector must be sandbox or upstream",
});
export type GatewayFormInput = z.input<typeof GatewayFormSchema>;
