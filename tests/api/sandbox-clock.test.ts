// The sandbox clock (/platform/sandbox/clock) against the real server: it
// reads today's date on the merchant's clock, moves only forward, runs the
// billing that falls due on the days it passes before answering, refuses bad
// input without moving, and is refused (403) to a merchant on a real
// gateway. Another merchant's clock does not move.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { setMerchantGateway } from "@/lib/gateway/set-merchant-gateway";
import { successEnvelope } from "@/lib/openapi/envelope-schemas";
import { SandboxClockMovedSchema, SandboxClockSchema } from "@/lib/sandbox-clock/schemas";
import { newMerchant, type TestMerchant } from "../support/fixtures";
import { expectStatus } from "../support/security-suite";
import { insertSubscription, newSubscriber } from "../support/subscriptions";

const ClockAnswer = successEnvelope(SandboxClockSchema.strict()).strict();
const MovedAnswer = successEnvelope(SandboxClockMovedSchema.strict()).strict();

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function clock(m: TestMerchant): Promise<string> {
  const res = await m.api.get("/sandbox/clock");
  expectStatus(res, 200, "clock");
  return (ClockAnswer.parse(res.body).data as { date: string }).date;
}

const actorOf = (m: TestMerchant) => ({ merchantId: BigInt(m.merchantId), actor: "test" });

describe("the sandbox clock", () => {
  it("starts at today's UTC date and moves forward by days or to a date", async () => {
    const m = await newMerchant();
    const today = new Date().toISOString().slice(0, 10);
    expect(await clock(m)).toBe(today);
    const moved = await m.api.post("/sandbox/clock", { advance_days: 10 });
    expectStatus(moved, 200, "advance");
    expect(MovedAnswer.parse(moved.body).data).toEqual({
      date: addDays(today, 10),
      charges: 0,
      declines: 0,
      suspended: 0,
      completed: 0,
      cancelled: 0,
      au_requests: 0,
    });
    expect(await clock(m)).toBe(addDays(today, 10));
    expectStatus(await m.api.post("/sandbox/clock", { date: addDays(today, 40) }), 200, "to a date");
    expect(await clock(m)).toBe(addDays(today, 40));
    // Today again is allowed (it runs today's due work); the past is not.
    expectStatus(await m.api.post("/sandbox/clock", { date: addDays(today, 40) }), 200, "today");
  });

  it("runs the billing due on each day it passes, and reports it", async () => {
    const m = await newMerchant();
    const actor = actorOf(m);
    const today = await clock(m);
    const subscriber = await newSubscriber(actor);
    // Weekly from today for 4 cycles; a second one whose every charge is declined (cents .05: soft) from tomorrow.
    const weekly = await insertSubscription(actor, subscriber, { dateStart: today, amountMinor: 1000n, frequency: 0, duration: 4 });
    const declining = await insertSubscription(actor, subscriber, { dateStart: addDays(today, 1), amountMinor: 1005n });
    const res = await m.api.post("/sandbox/clock", { advance_days: 30 });
    expectStatus(res, 200, "advance");
    expect(MovedAnswer.parse(res.body).data).toEqual({
      date: addDays(today, 30),
      charges: 4,
      declines: 4,
      suspended: 1,
      completed: 1,
      cancelled: 0,
      au_requests: 0,
    });
    const status = async (id: number) => (await getDb().billingSubscription.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(weekly)).toBe("D");
    expect(await status(declining)).toBe("S");
  });

  it("refuses bad input with a 400 that names the field, and does not move", async () => {
    const m = await newMerchant();
    const today = await clock(m);
    const bad: [Record<string, unknown>, string][] = [
      [{}, "advance_days"],
      [{ advance_days: 0 }, "advance_days"],
      [{ advance_days: 401 }, "advance_days"],
      [{ advance_days: 1.5 }, "advance_days"],
      [{ advance_days: "3" }, "advance_days"],
      [{ advance_days: 3, date: addDays(today, 3) }, "advance_days"],
      [{ date: addDays(today, -1) }, "date"],
      [{ date: addDays(today, 401) }, "date"],
      [{ date: "2027-02-30" }, "date"],
      [{ date: "next week" }, "date"],
    ];
    for (const [body, field] of bad) {
      const res = await m.api.post("/sandbox/clock", body);
      expectStatus(res, 400, JSON.stringify(body));
      expect(Object.keys((res.body as { data?: object }).data ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect(await clock(m)).toBe(today);
  });

  it("is a 403 for a merchant on a real gateway connector, and other merchants' clocks do not move", async () => {
    const real = await newMerchant();
    const other = await newMerchant();
    // Loopback upstream URLs are allowed (development and tests); nothing is sent to it here.
    await setMerchantGateway(actorOf(real), {
      connector: "upstream",
      upstreamUrl: "http://127.0.0.1:9/pg",
      upstreamMerchantId: "212000000001",
      securityKey: "k".repeat(20),
    });
    expectStatus(await real.api.get("/sandbox/clock"), 403, "read");
    expectStatus(await real.api.post("/sandbox/clock", { advance_days: 1 }), 403, "move");
    const before = await clock(other);
    const mover = await newMerchant();
    expectStatus(await mover.api.post("/sandbox/clock", { advance_days: 5 }), 200, "move");
    expect(await clock(other)).toBe(before);
  });
});
