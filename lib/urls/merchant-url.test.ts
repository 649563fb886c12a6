import { describe, expect, it } from "vitest";
import { merchantUrlProblem } from "./merchant-url";

describe("merchant URLs", () => {
  it.each(["https://shop.example/ok", "http://localhost:3000/x", "http://127.0.0.1/x", "http://127.9.9.9:8080/", "http://[::1]:4000/"])("accepts %s", (url) =>
    expect(merchantUrlProblem(url)).toBeNull(),
  );
  it.each([
    ["http://shop.example/", /https/],
    ["ftp://shop.example/", /https/],
    ["javascript:alert(1)", /https/],
    ["/relative/path", /absolute/],
    ["https://user:pw@shop.example/", /user name/],
    ["http://localhost.evil.example/", /https/],
  ])("refuses %s", (url, problem) => expect(merchantUrlProblem(url)).toMatch(problem));
});
