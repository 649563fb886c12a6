import { describe, expect, it } from "vitest";
import { mayBeSameOriginPost } from "./same-origin-post";

const post = (headers: Record<string, string>) => new Headers(headers);

describe("mayBeSameOriginPost", () => {
  it("accepts a post from the public origin or the host the client addressed", () => {
    expect(mayBeSameOriginPost(post({ origin: "https://vault.example", host: "vault.example" }), "https://vault.example")).toBe(true);
    expect(mayBeSameOriginPost(post({ origin: "http://127.0.0.1:4000", host: "127.0.0.1:4000" }), "http://localhost:3000")).toBe(true);
  });

  it("lets a post with Origin: null or none through when the browser does not call it cross-site (the session decides)", () => {
    expect(mayBeSameOriginPost(post({ origin: "null", "sec-fetch-site": "same-origin", host: "v.example" }), "https://v.example")).toBe(true);
    expect(mayBeSameOriginPost(post({ host: "vault.example" }), "https://vault.example")).toBe(true);
  });

  it("refuses what the browser says comes from another site", () => {
    expect(mayBeSameOriginPost(post({ origin: "https://evil.example", host: "vault.example" }), "https://vault.example")).toBe(false);
    expect(mayBeSameOriginPost(post({ origin: "null", "sec-fetch-site": "cross-site", host: "v.example" }), "https://v.example")).toBe(false);
    expect(mayBeSameOriginPost(post({ "sec-fetch-site": "same-site", host: "v.example" }), "https://v.example")).toBe(false);
  });

  it("refuses plain http to an https vault, even to its own host", () => {
    expect(mayBeSameOriginPost(post({ origin: "http://vault.example", host: "vault.example" }), "https://vault.example")).toBe(false);
  });
});
