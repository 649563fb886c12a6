import type { GetServerSideProps } from "next";
import { CHECKOUT_SESSION_COOKIE, openCheckoutSession } from "@/lib/checkout/checkout-session";
import { merchantReturnUrl } from "@/lib/checkout/merchant-return-url";
import { CHECKOUT_ID_PATTERN } from "@/lib/checkout/schemas";
import { securePage } from "@/lib/security/secure-page";

// The done page's "Back to <merchant>": a 303 to the link's success_url,
// signed at the moment of the click, for the browser session that spent the
// link (the answer its re-post gets). Anyone else goes to the link's own page.
export const config = { runtime: "nodejs", unstable_runtimeJS: false };

export const getServerSideProps: GetServerSideProps = async ({ req, res, params }) => {
  const checkoutId = String(params?.checkoutId ?? "");
  securePage(res);
  const session = CHECKOUT_ID_PATTERN.test(checkoutId) ? await openCheckoutSession(req.cookies[CHECKOUT_SESSION_COOKIE], checkoutId) : null;
  const destination = (session && (await merchantReturnUrl(checkoutId, session.csrf))) ?? `/checkout/${encodeURIComponent(checkoutId)}`;
  return { redirect: { destination, statusCode: 303 } };
};

/** Never rendered: every request is redirected. */
export default function BackToMerchant() {
  return null;
}
