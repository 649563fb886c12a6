import { describe, expect, it } from "vitest";
import { scrubForLog } from "./scrub";
import { redactCardNumbers } from "./redact-card-numbers";

const PAN = "4111111111111111";

/** Reads a nested property from a scrubbed value without fighting `unknown`. */
function at(value: unknown, ...path: Array<string | number>): unknown {
  return path.reduce<unknown>((v, key) => (v as Record<string | number, unknown>)[key], value);
}

describe("scrubForLog: names", () => {
  it.each([
    [{ card_number: PAN }, "card_number"],
    [{ cardNumber: "not even digits" }, "cardNumber"],
    [{ cvv2: "123" }, "cvv2"],
    [{ Authorization: "Basic dXNlcjpwYXNz" }, "Authorization"],
    [{ cookie: "sid=abc" }, "cookie"],
    [{ password: { nested: "whole value goes" } }, "password"],
    [{ signing_secret: "whsec_123" }, "signing_secret"],
    [{ "x-api-key": "k_live_123" }, "x-api-key"],
    [{ kek: Buffer.from("key") }, "kek"],
  ])("redacts %j by name", (input, key) => {
    expect(at(scrubForLog(input), key)).toBe("[REDACTED]");
  });

  it("redacts a bare 'number' next to expiry or CVV fields", () => {
    const out = scrubForLog({ number: "4111-1111-1111-1111", exp_date: "1225", name: "Ada" });
    expect(out).toEqual({ number: "[REDACTED]", exp_date: "1225", name: "Ada" });
  });

  it("keeps 'number' in objects that are not card-shaped", () => {
    expect(scrubForLog({ number: "INV-42", total: 5 })).toEqual({ number: "INV-42", total: 5 });
  });
});

describe("scrubForLog: card numbers in strings", () => {
  it.each<[string, unknown, unknown]>([
    ["top-level string", `pan ${PAN}`, "pan [CARD]"],
    ["odd field name", { foo: "my card 4111 1111 1111 1111 thanks" }, { foo: "my card [CARD] thanks" }],
    ["nested array", { nested: { deep: ["5555555555554444"] } }, { nested: { deep: ["[CARD]"] } }],
    ["object key", { [PAN]: "x" }, { "[CARD]": "x" }],
    ["map", new Map([["k", PAN]]), { k: "[CARD]" }],
    ["set", new Set([PAN]), ["[CARD]"]],
    ["bigint", { id: 4111111111111111n }, { id: "[CARD]" }],
    ["toJSON result", { url: new URL(`https://x.test/?card=${PAN}`) }, { url: "https://x.test/?card=[CARD]" }],
  ])("%s", (_name, input, expected) => {
    expect(scrubForLog(input)).toEqual(expected);
  });
});

describe("scrubForLog: values kept as they are", () => {
  it("keeps innocuous data intact", () => {
    const input = {
      merchant_id: 210000000289,
      merchant_id_text: "210000000289",
      customer_id: "ABC123",
      phone: "4155552671",
      ok: true,
      none: null,
      missing: undefined,
      small: 42n,
    };
    expect(scrubForLog(input)).toEqual({ ...input, small: "42" });
  });

  it("does not scan JS numbers (documented trade-off: timestamps stay readable)", () => {
    expect(scrubForLog({ at: 1732451234568, odd: 4111111111111111 })).toEqual({
      at: 1732451234568,
      odd: 4111111111111111,
    });
  });

  it.each([null, undefined, true, 0, 12.5])("passes primitive %j through", (value) => {
    expect(scrubForLog(value)).toBe(value);
  });
});

describe("scrubForLog: special objects", () => {
  it("describes binary data instead of dumping it", () => {
    expect(scrubForLog({ buf: Buffer.from(PAN), bytes: new Uint8Array(3), raw: new ArrayBuffer(7) })).toEqual({
      buf: "[Buffer 16 bytes]",
      bytes: "[Uint8Array 3 bytes]",
      raw: "[ArrayBuffer 7 bytes]",
    });
  });

  it("turns dates into ISO strings", () => {
    expect(scrubForLog({ at: new Date("2024-11-24T12:00:00.000Z"), bad: new Date(Number.NaN) })).toEqual({
      at: "2024-11-24T12:00:00.000Z",
      bad: "[Invalid Date]",
    });
  });

  it("breaks cycles but copies shared references", () => {
    const shared = { v: 1 };
    const cyclic: Record<string, unknown> = { a: shared, b: shared };
    cyclic.self = cyclic;
    expect(scrubForLog(cyclic)).toEqual({ a: { v: 1 }, b: { v: 1 }, self: "[Circular]" });
  });

  it("truncates below eight levels of nesting", () => {
    let deep: Record<string, unknown> = { leaf: PAN };
    for (let i = 0; i < 12; i++) deep = { child: deep };
    const out = scrubForLog(deep);
    expect(at(out, ...Array<string>(7).fill("child"))).toEqual({ child: "[Truncated]" });
    expect(JSON.stringify(out)).not.toContain(PAN);
  });

  it("survives throwing getters", () => {
    const input = {
      get boom(): string {
        throw new Error("no");
      },
    };
    expect(scrubForLog(input)).toEqual({ boom: "[Unreadable]" });
  });

  it("copies a __proto__ key as data without touching the prototype", () => {
    const input: unknown = JSON.parse(`{"__proto__": {"n": "${PAN}"}}`);
    const out = scrubForLog(input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, "__proto__")?.value).toEqual({ n: "[CARD]" });
  });
});

describe("scrubForLog: errors", () => {
  it("keeps type, message and stack, scrubbed", () => {
    const out = scrubForLog(new TypeError(`declined ${PAN}`));
    expect(at(out, "type")).toBe("TypeError");
    expect(at(out, "message")).toBe("declined [CARD]");
    expect(String(at(out, "stack"))).toMatch(/^TypeError: declined \[CARD\]\n/);
    expect(JSON.stringify(out)).not.toContain(PAN);
  });

  it("keeps own properties, the cause chain and aggregated errors, scrubbed", () => {
    const cause = new Error(`upstream said ${PAN}`);
    const error = Object.assign(new Error("wrapped", { cause }), { code: "E_DECLINED", cardNumber: PAN });
    const aggregate = new AggregateError([error], "many");
    const out = scrubForLog({ err: aggregate });
    expect(at(out, "err", "errors", 0, "code")).toBe("E_DECLINED");
    expect(at(out, "err", "errors", 0, "cardNumber")).toBe("[REDACTED]");
    expect(at(out, "err", "errors", 0, "cause", "message")).toBe("upstream said [CARD]");
    expect(JSON.stringify(out)).not.toContain(PAN);
  });
});

describe("scrubForLog: input is untouched", () => {
  it("does not mutate the input", () => {
    const input = {
      card_number: PAN,
      text: `card ${PAN}`,
      list: [PAN, { cvv: "123" }],
      when: new Date(0),
    };
    const before = structuredClone(input);
    const out = scrubForLog(input);
    expect(input).toEqual(before);
    expect(out).not.toBe(input);
  });
});

describe("request ids", () => {
  it("keeps a whole UUID whose digit groups happen to chain into a Luhn-valid run", () => {
    const id = "1f00a141-9800-4836-9592-36757956950a";
    expect(redactCardNumbers(`x ${id}`)).toContain("[CARD]"); // what would have happened
    expect(scrubForLog({ requestId: id })).toEqual({ requestId: id });
    // A card number beside it is still removed.
    expect(scrubForLog({ note: `${id} 4111 1111 1111 1111` })).toEqual({ note: expect.stringContaining("[CARD]") });
  });

  it("keeps a whole 32-hex id (event_id, card_id) whose digits hold a Luhn-valid run, and only a whole one", () => {
    const id = "ab4111111111110006cdef0123456789";
    expect(redactCardNumbers(id)).toContain("[CARD]"); // what would have happened
    expect(scrubForLog({ eventId: id })).toEqual({ eventId: id });
    expect(scrubForLog({ eventId: id.slice(0, 31) })).toEqual({ eventId: expect.stringContaining("[CARD]") });
    expect(scrubForLog({ note: `${id} 4111111111111111` })).toEqual({ note: expect.stringContaining("[CARD]") });
  });
});
