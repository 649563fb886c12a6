// A merchant's default success_url and failure_url (set in the portal's
// checkout settings): POST /platform/checkout copies them into a link made
// without its own, a link's own URLs win, and changing the defaults later
// leaves links already made as they were.
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors/api-error";
import { getRedirectDefaults, setRedirectDefaults } from "@/lib/merchants/redirect-defaults";
import { newMerchant, uniqueCustomerId } from "../support/fixtures";
import { expectStatus } from "../support/security-suite";

const link = (preferences: Record<string, unknown> = {}) => ({
  customer_id: uniqueCustomerId("D"),
  customer_first_name: "Ada",
  preferences: { expire_in_secs: 900, ...preferences },
});

describe("a merchant's default redirect URLs", () => {
  it("are copied into a link created without its own, and never override a link's own", async () => {
    const m = await newMerchant("Checkout Defaults");
    const actor = { merchantId: BigInt(m.merchantId), actor: "test" };
    await setRedirectDefaults(actor, { successUrl: "https://shop.example/done?src=vault", failureUrl: "http://localhost:4000/failed" });

    const plain = await m.api.post("/checkout", link());
    expectStatus(plain, 200, "link without URLs");
    expect(plain.body.data).toMatchObject({ success_url: "https://shop.example/done?src=vault", failure_url: "http://localhost:4000/failed" });

    const own = await m.api.post("/checkout", link({ success_url: "https://own.example/ok" }));
    expectStatus(own, 200, "link with its own success_url");
    expect(own.body.data).toMatchObject({ success_url: "https://own.example/ok", failure_url: "http://localhost:4000/failed" });

    // Clearing the defaults changes no existing link; new links go without.
    await setRedirectDefaults(actor, { successUrl: "", failureUrl: "" });
    const again = await m.api.get(`/checkout/${plain.body.data.checkout_id}`);
    expect(again.body.data.success_url).toBe("https://shop.example/done?src=vault");
    const bare = await m.api.post("/checkout", link());
    expectStatus(bare, 200, "link after clearing");
    expect(bare.body.data.success_url).toBeUndefined();
    expect(bare.body.data.failure_url).toBeUndefined();
    expect(await getRedirectDefaults(actor.merchantId)).toEqual({ successUrl: null, failureUrl: null });
  });

  it("are refused by the links' own URL rule, and are one merchant's alone", async () => {
    const m = await newMerchant("Checkout Defaults Rule");
    const other = await newMerchant("Checkout Defaults Other");
    const actor = { merchantId: BigInt(m.merchantId), actor: "test" };
    for (const [successUrl, message] of [
      ["http://shop.example/done", "must use https (http only for localhost)"],
      ["https://shop.example/done?checkout_id=1", "must not already carry the query parameter checkout_id"],
      ["not a url", "must be an absolute URL"],
    ] as const) {
      const error = await setRedirectDefaults(actor, { successUrl, failureUrl: "" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).fields).toEqual({ successUrl: message });
    }
    await setRedirectDefaults(actor, { successUrl: "https://mine.example/ok", failureUrl: "" });
    const theirs = await other.api.post("/checkout", link());
    expectStatus(theirs, 200, "other merchant's link");
    expect(theirs.body.data.success_url).toBeUndefined();
  });
});
