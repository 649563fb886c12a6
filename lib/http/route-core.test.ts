import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiError } from "../errors/api-error";
import { logger } from "../log/logger";
import { routeCore } from "./route-core";

const OPTIONS = { logMessage: "test request", validationMessage: "Fix these." };
const context = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
const post = (body: string, type = "application/json") =>
  new Request("http://vault.test/things/7?tag=a&tag=b", { method: "POST", headers: { "content-type": type }, body });

// The log line is part of what is checked; keep it off the test output.
beforeEach(() => {
  vi.spyOn(logger, "info").mockImplementation(() => undefined);
  vi.spyOn(logger, "error").mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("routeCore", () => {
  it("answers the envelope with a request id, no-store, the wrapper's headers and one log line", async () => {
    const info = vi.mocked(logger.info);
    const route = routeCore(OPTIONS, async (scope) => {
      scope.log.merchantId = "5";
      scope.headers["x-extra"] = "yes";
      return { status: 201, body: { code: 0, message: "Success" } };
    });
    const response = await route(post("{}"), context());
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ code: 0, message: "Success" });
    const requestId = response.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-extra")).toBe("yes");
    expect(info).toHaveBeenCalledTimes(1);
    expect(info.mock.calls[0]).toEqual([
      expect.objectContaining({ requestId, method: "POST", path: "/things/7", status: 201, code: 0, merchantId: "5" }),
      "test request",
    ]);
  });

  it("parses path, query and body, reading the body once; a refusal lists each field under the wrapper's message", async () => {
    const spec = {
      params: z.object({ id: z.coerce.number() }),
      query: z.object({ tag: z.array(z.string()) }),
      body: z.object({ name: z.string().min(2) }),
    };
    const route = routeCore(OPTIONS, async (scope) => {
      const first = await scope.readBody();
      const input = await scope.parseInput(spec);
      expect(await scope.readBody()).toBe(first);
      return { status: 200, body: { code: 0, input } };
    });
    expect(await (await route(post('{"name":"ok"}'), context({ id: "7" }))).json()).toEqual({
      code: 0,
      input: { params: { id: 7 }, query: { tag: ["a", "b"] }, body: { name: "ok" } },
    });
    const refused = await route(post('{"name":"x"}'), context({ id: "7" }));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: 6, message: "Fix these.", data: { name: expect.any(String) } });
    const wrongType = await route(post("name=x", "application/x-www-form-urlencoded"), context({ id: "7" }));
    expect(wrongType.status).toBe(415);
  });

  it("maps a thrown ApiError to its row, and anything else to a 500 naming the request id only", async () => {
    const refused = routeCore(OPTIONS, async () => {
      throw new ApiError("forbidden", "Not you.");
    });
    const answer = await refused(post("{}"), context());
    expect(answer.status).toBe(403);
    expect(await answer.json()).toEqual({ code: 3, message: "Not you." });

    const broken = routeCore(OPTIONS, async () => {
      throw new Error("database password is hunter2");
    });
    const failed = await broken(post("{}"), context());
    expect(failed.status).toBe(500);
    const body = await failed.json();
    expect(body).toEqual({ code: 99, message: "Internal error", data: { request_id: failed.headers.get("x-request-id") } });
    expect(JSON.stringify(body)).not.toContain("hunter2");
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ requestId: failed.headers.get("x-request-id") }), "unhandled error");
  });

  it("passes a handler's own Response (a download) through, adding the request id and no-store it did not set", async () => {
    const route = routeCore(OPTIONS, async () => new Response("a,b\r\n", { headers: { "content-type": "text/csv" } }));
    const response = await route(new Request("http://vault.test/export"), context());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv");
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toBe("a,b\r\n");
  });
});
