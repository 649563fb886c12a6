import { z } from "zod";
import { merchantUrlProblem } from "../urls/merchant-url";

// A merchant's gateway settings as the CLI and the portal send them.

export const UpstreamGatewaySchema = z.object({
  connector: z.literal("upstream"),
  upstreamUrl: z
    .string()
    .max(512, "must be at most 512 characters")
    .superRefine((value, ctx) => {
      const problem = merchantUrlProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  upstreamMerchantId: z.string().regex(/^\d{1,16}$/, "must be the upstream's merchant id: 1 to 16 digits"),
  securityKey: z.string().regex(/^[\x21-\x7e]{8,128}$/, "must be 8 to 128 visible characters"),
});

export const GatewaySettingsSchema = z.discriminatedUnion("connector", [z.object({ connector: z.literal("sandbox") }), UpstreamGatewaySchema], {
  error: "connector must be sandbox or upstream",
});
export type GatewaySettingsInput = z.input<typeof GatewaySettingsSchema>;

/** What the settings show: never the security key, only whether one is set. */
export type GatewayView = {
  connector: string;
  upstreamUrl: string | null;
  upstreamMerchantId: string | null;
  securityKeySet: boolean;
  /** How far the sandbox's clock runs ahead of the real one (docs/payments.md, "Settlement"). */
  clockOffsetSeconds: number;
};
