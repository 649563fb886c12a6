import { MoveSandboxClockSchema, SandboxClockMovedSchema, SandboxClockSchema } from "../sandbox-clock/schemas";
import { getSandboxClock, moveSandboxClock } from "../sandbox-clock/sandbox-clock";
import { TAGS } from "../openapi/operation";
import { apiOperation, type ApiRoute } from "./api-operation";
import { success } from "./envelope";

// The sandbox clock (beyond the reference; docs/billing.md, "The sandbox clock").

const tag = TAGS.billing;

export const sandboxRoutes: ApiRoute[] = [
  apiOperation(
    "GET",
    "/sandbox/clock",
    {
      operationId: "getSandboxClock",
      tag,
      summary: "Read the sandbox clock",
      description: "Today on the merchant's sandbox clock, the date billing runs on. A merchant on a real gateway connector gets 403.",
      answer: { data: SandboxClockSchema },
      extension: true,
    },
    async ({ actor }) => success(await getSandboxClock(actor.merchantId)),
  ),
  apiOperation(
    "POST",
    "/sandbox/clock",
    {
      operationId: "moveSandboxClock",
      tag,
      summary: "Move the sandbox clock forward",
      description:
        "Moves the merchant's sandbox clock forward by advance_days (1 to 400), or to date (YYYY-MM-DD, today or later, at most 400 days ahead), and before answering runs every day's due work in order, today's first: billing (charges, retries, suspensions and completions), then the Account Updater (answers to the files sent the day before, the monthly harvest on its day, files sent). Answers the new date and what happened. It never moves back. A merchant on a real gateway connector gets 403.",
      body: MoveSandboxClockSchema,
      answer: { data: SandboxClockMovedSchema },
      extension: true,
    },
    async ({ actor, body }) => success(await moveSandboxClock(actor, body)),
  ),
];
