import { afterEach, describe, expect, it, vi } from "vitest";
import type { Logger } from "pino";
import { childLogger, createLogger, logger } from "./logger";

const PAN = "4111111111111111";

/** A logger writing into memory, plus accessors for what it wrote. */
function memoryLogger(level: Parameters<typeof createLogger>[1] = "info") {
  const chunks: string[] = [];
  const log = createLogger({ write: (chunk: string) => void chunks.push(chunk) }, level);
  return {
    log,
    raw: () => chunks.join(""),
    lines: () =>
      chunks
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

// Every spelling in which the digits of a card could appear in output.
const leakPatterns = (digits: string) => [digits, digits.replace(/(\d{4})(?=\d)/g, "$1 "), digits.replace(/(\d{4})(?=\d)/g, "$1-")];

describe("createLogger: nothing sensitive reaches the output", () => {
  it.each<[string, (log: Logger) => void, string[]]>([
    ["PAN under an odd field name", (log) => log.info({ foo: "my card 4111 1111 1111 1111 thanks" }), leakPatterns(PAN)],
    ["PAN deep in an array", (log) => log.info({ nested: { deep: ["5555555555554444"] } }), leakPatterns("5555555555554444")],
    ["cvv2 field", (log) => log.info({ card: { cvv2: "987" } }, "tokenising"), ['"987"']],
    ["Authorization header (request shape)", (log) => log.info({ req: { headers: { authorization: "Basic c2VjcmV0LWtleTo=" } } }), ["c2VjcmV0LWtleTo="]],
    ["Authorization header (capitalised)", (log) => log.info({ headers: { Authorization: "Bearer abc.def.ghi" } }), ["abc.def.ghi"]],
    ["cookie header", (log) => log.info({ request: { cookie: "session=s3cr3t" } }), ["s3cr3t"]],
    ["Error with a PAN in its message", (log) => log.error(new Error(`declined ${PAN}`)), leakPatterns(PAN)],
    ["{ err } with a PAN in its message", (log) => log.error({ err: new Error(`declined ${PAN}`) }), leakPatterns(PAN)],
    ["Error cause", (log) => log.error(new Error("wrapped", { cause: new Error(`bad ${PAN}`) }), "oops"), leakPatterns(PAN)],
    ["PAN in the message", (log) => log.info(`charging 4111-1111-1111-1111 now`), leakPatterns(PAN)],
    ["PAN as a %s argument", (log) => log.info("charging %s now", PAN), leakPatterns(PAN)],
    ["PAN split over two %s arguments", (log) => log.info("%s%s", "41111111", "11111111"), leakPatterns(PAN)],
    ["PAN inside a %j argument", (log) => log.info({ a: 1 }, "body %j", { x: PAN }), leakPatterns(PAN)],
    ["Error as a %s argument", (log) => log.warn("failed: %s", new Error(`declined ${PAN}`)), leakPatterns(PAN)],
    ["child bindings", (log) => childLogger({ card: PAN }, log).info("hi"), leakPatterns(PAN)],
    ["grandchild via plain .child", (log) => log.child({ a: 1 }).child({ b: PAN }).info("hi"), leakPatterns(PAN)],
  ])("%s", (_name, write, forbidden) => {
    const { log, raw } = memoryLogger();
    write(log);
    const output = raw();
    expect(output).not.toBe(""); // the call must have logged something to check
    for (const text of forbidden) expect(output).not.toContain(text);
  });

  it("marks what it removed", () => {
    const { log, lines } = memoryLogger();
    log.info({ foo: `card ${PAN}`, cvv2: "987", headers: { authorization: "Basic x" } }, `pan ${PAN}`);
    const [line] = lines();
    expect(line).toMatchObject({
      foo: "card [CARD]",
      cvv2: "[REDACTED]",
      headers: { authorization: "[REDACTED]" },
      msg: "pan [CARD]",
    });
  });

  it("logs errors in pino's { type, message, stack } shape with the scrubbed message", () => {
    const { log, lines } = memoryLogger();
    log.error(new RangeError(`declined ${PAN}`));
    const [line] = lines();
    expect(line?.msg).toBe("declined [CARD]");
    expect(line?.err).toMatchObject({ type: "RangeError", message: "declined [CARD]" });
    expect(String((line?.err as { stack?: unknown }).stack)).toContain("RangeError: declined [CARD]");
  });
});

describe("createLogger: ordinary data survives", () => {
  it("keeps ids, phone numbers and numeric timestamps intact", () => {
    const { log, lines } = memoryLogger();
    const data = {
      merchant_id: 210000000289,
      merchant_id_text: "210000000289",
      customer_id: "ABC123",
      phone: "4155552671",
      at: 1732451234568,
    };
    log.info(data, "customer ABC123 created for merchant 210000000289");
    expect(lines()[0]).toMatchObject({ ...data, msg: "customer ABC123 created for merchant 210000000289" });
  });

  it("writes one JSON line with level label, time, service and pid", () => {
    const { log, lines } = memoryLogger();
    log.warn("hello");
    const [line, ...rest] = lines();
    expect(rest).toHaveLength(0);
    expect(line).toMatchObject({ level: "warn", service: "customer-vault", pid: process.pid, msg: "hello" });
    expect(typeof line?.time).toBe("string");
  });

  it("adds child bindings to every line", () => {
    const { log, lines } = memoryLogger();
    childLogger({ requestId: "req-1" }, log).info("hi");
    expect(lines()[0]).toMatchObject({ requestId: "req-1", msg: "hi" });
  });
});

describe("createLogger: level", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("drops lines below the level", () => {
    const { log, lines } = memoryLogger("warn");
    log.info("quiet");
    log.error("loud");
    expect(lines().map((l) => l.msg)).toEqual(["loud"]);
  });

  it.each([
    [undefined, "info"],
    ["debug", "debug"],
    [" WARN ", "warn"],
  ])("LOG_LEVEL=%j gives %j", (env, expected) => {
    vi.stubEnv("LOG_LEVEL", env);
    expect(createLogger({ write: () => undefined }).level).toBe(expected);
  });

  // LOG_LEVEL has one rule (lib/env-schema.mjs): a typo used to be replaced by
  // "info" here while the app's own check refused it.
  it("refuses an unknown LOG_LEVEL, naming it, rather than logging at another level", () => {
    vi.stubEnv("LOG_LEVEL", "nonsense");
    expect(() => createLogger({ write: () => undefined })).toThrow(/LOG_LEVEL must be one of .* \(got "nonsense"\)/);
  });
});

describe("logger", () => {
  it("is ready to use", () => {
    expect(typeof logger.info).toBe("function");
    expect(logger.bindings()).toEqual({ service: "customer-vault" });
  });
});
