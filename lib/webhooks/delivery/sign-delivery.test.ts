import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadReadmeFunction } from "../../../tests/support/readme-snippet";
import { bodySignature, signatureHeaders } from "./sign-delivery";

type Verify = (rawBody: string, headers: Record<string, string>, secret: string, maxAgeSeconds?: number) => boolean;

const body = JSON.stringify({ event: "vault_card_created", data: { card_id: "a".repeat(32) }, event_id: "b".repeat(32), created: "2026-11-24T00:00:00.000Z" });
const now = () => Math.floor(Date.now() / 1000);

describe("webhook signatures", () => {
  it("x-qualpay-webhook-signature is the base64 HMAC-SHA256 of the raw body, as the reference defines it", () => {
    const expected = createHmac("sha256", "s3cret").update(body).digest("base64");
    expect(bodySignature(body, "s3cret")).toBe(expected);
    expect(signatureHeaders(body, ["s3cret"], now())["x-qualpay-webhook-signature"]).toBe(expected);
  });

  it("during a rotation both signatures are sent, new first, in both headers", () => {
    const t = now();
    const headers = signatureHeaders(body, ["new", "old"], t);
    expect(headers["x-qualpay-webhook-signature"]).toBe(`${bodySignature(body, "new")},${bodySignature(body, "old")}`);
    expect(headers["x-vault-signature"]).toMatch(new RegExp(`^t=${t},v1=[0-9a-f]{64},v1=[0-9a-f]{64}$`));
  });

  it("the README's verification snippet accepts a fresh request, either secret during rotation, and nothing altered, stale or foreign", async () => {
    const verify = await loadReadmeFunction<Verify>("verifyVaultWebhook");
    const fresh = signatureHeaders(body, ["s3cret"], now());
    expect(verify(body, fresh, "s3cret")).toBe(true);
    expect(verify(body, fresh, "other")).toBe(false);
    expect(verify(body.replace("vault_card_created", "vault_card_deleted"), fresh, "s3cret")).toBe(false);
    expect(verify(body, signatureHeaders(body, ["s3cret"], now() - 3600), "s3cret")).toBe(false);
    // A replayed body with a new timestamp but the old v1 fails: t is inside the HMAC.
    const replay = { "x-vault-signature": fresh["x-vault-signature"]!.replace(/^t=\d+/, `t=${now() + 1}`) };
    expect(verify(body, replay, "s3cret")).toBe(false);
    const rotating = signatureHeaders(body, ["new", "old"], now());
    expect(verify(body, rotating, "new")).toBe(true);
    expect(verify(body, rotating, "old")).toBe(true);
    expect(verify(body, {}, "s3cret")).toBe(false);
  });
});
