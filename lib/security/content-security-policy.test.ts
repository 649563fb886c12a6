import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, originOf } from "./content-security-policy";

const directive = (policy: string, name: string) => policy.split("; ").find((d) => d.startsWith(`${name} `));

describe("contentSecurityPolicy", () => {
  it("allows scripts and styles only from our origin or with the nonce, and nothing third-party", () => {
    const policy = contentSecurityPolicy({ nonce: "abc" });
    expect(directive(policy, "default-src")).toBe("default-src 'none'");
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'nonce-abc'");
    expect(directive(policy, "style-src")).toBe("style-src 'self' 'nonce-abc'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it("lists the given form-action origins beside our own, once each", () => {
    const policy = contentSecurityPolicy({ nonce: "n", formActionOrigins: ["https://shop.example", "https://shop.example", "http://localhost:4000"] });
    expect(directive(policy, "form-action")).toBe("form-action 'self' https://shop.example http://localhost:4000");
  });

  it("forbids framing unless ancestors are named", () => {
    expect(directive(contentSecurityPolicy({ nonce: "n" }), "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(contentSecurityPolicy({ nonce: "n", frameAncestors: ["https://shop.example"] }), "frame-ancestors")).toBe(
      "frame-ancestors https://shop.example",
    );
  });

  it("frames nothing unless the page names what it frames (the portal's customer pages frame the vault itself)", () => {
    expect(contentSecurityPolicy({ nonce: "n" })).not.toContain("frame-src");
    expect(directive(contentSecurityPolicy({ nonce: "n", frameSrc: ["'self'"] }), "frame-src")).toBe("frame-src 'self'");
  });

  it("upgrades insecure requests only over https", () => {
    expect(contentSecurityPolicy({ nonce: "n", https: true })).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "n" })).not.toContain("upgrade-insecure-requests");
  });
});

describe("newNonce", () => {
  it("is 128 random bits, different every time", () => {
    const a = newNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});

describe("originOf", () => {
  it("reduces a URL to its origin and rejects what is not one", () => {
    expect(originOf("https://shop.example/done?x=1")).toBe("https://shop.example");
    expect(originOf("http://127.0.0.1:8080/a")).toBe("http://127.0.0.1:8080");
    expect(originOf(null)).toBeNull();
    expect(originOf("not a url")).toBeNull();
    expect(originOf("data:text/html,x")).toBeNull();
  });
});
