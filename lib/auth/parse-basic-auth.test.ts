import { describe, expect, it } from "vitest";
import { apiKeyCandidatesFromAuthorization } from "./parse-basic-auth";

const basic = (pair: string) => `Basic ${Buffer.from(pair).toString("base64")}`;

describe("apiKeyCandidatesFromAuthorization", () => {
  it.each([
    ["key as username", basic("cvk_abc:"), ["cvk_abc"]],
    ["key as password", basic(":cvk_abc"), ["cvk_abc"]],
    ["both set: username first", basic("user:cvk_abc"), ["user", "cvk_abc"]],
    ["no colon at all", basic("cvk_abc"), ["cvk_abc"]],
    ["lower-case scheme", `basic ${Buffer.from("k:").toString("base64")}`, ["k"]],
    ["missing header", null, []],
    ["Bearer scheme", "Bearer cvk_abc", []],
    ["empty credentials", basic(":"), []],
    ["garbage after Basic", "Basic !!!", []],
  ])("%s", (_name, header, expected) => {
    expect(apiKeyCandidatesFromAuthorization(header)).toEqual(expected);
  });
});
