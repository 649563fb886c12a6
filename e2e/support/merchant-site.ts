// The merchant's side of the redirect: a real HTTP server on its own origin
// (http://127.0.0.1:PORT, while the vault is http://localhost:PORT) serving
// the success and failure landing pages and recording every query string it
// receives, so a test sees what the merchant's server really got. Also the
// merchant's checkout page that frames the embedded form (startShopPage).
import { createServer, type Server } from "node:http";

export type Landing = { path: string; query: URLSearchParams; url: string };

export type MerchantSite = {
  origin: string;
  /** A landing URL on this site; `query` is the merchant's own, kept by the vault. */
  url: (path: "/thanks" | "/sorry", query?: Record<string, string>) => string;
  /** Requests received so far, oldest first. */
  landings: Landing[];
  /** The landings whose query names this checkout. */
  landingsFor: (checkoutId: string) => Landing[];
  close: () => Promise<void>;
};

const PAGES: Record<string, string> = {
  "/thanks": "Thank you: your card is on file",
  "/sorry": "We could not save your card",
};

export async function startMerchantSite(): Promise<MerchantSite> {
  const landings: Landing[] = [];
  let origin = "";
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", origin);
    const title = PAGES[url.pathname];
    if (!title) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    landings.push({ path: url.pathname, query: url.searchParams, url: url.toString() });
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="en"><title>${title}</title><main><h1>${title}</h1></main></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    origin,
    url: (path, query = {}) => `${origin}${path}${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ""}`,
    landings,
    landingsFor: (checkoutId) => landings.filter((l) => l.query.get("checkout_id") === checkoutId),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const LANDING_HEADINGS = PAGES;

export type ShopPage = {
  origin: string;
  /** The shop's page: it frames `frameUrl()` at first `frameHeight` pixels tall. */
  url: string;
  close: () => Promise<void>;
};

/**
 * A shop's checkout page on its own origin (http://127.0.0.1:PORT) that
 * frames the vault's embedded form, as a merchant's page would: it keeps
 * every message it receives (`window.received`) and sizes the frame to the
 * form's resize messages with the listener the README shows.
 */
export async function startShopPage(vaultOrigin: string, frameUrl: () => string, frameHeight = 200): Promise<ShopPage> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="en"><title>Shop checkout</title>
<script>
window.received = [];
addEventListener("message", (e) => window.received.push({ origin: e.origin, data: e.data }));
addEventListener("message", (event) => {
  if (event.origin !== ${JSON.stringify(vaultOrigin)} || event.data?.type !== "customer-vault:resize") return;
  document.querySelector("iframe").style.height = event.data.height + "px";
});
</script>
<main><h1>Pay with your card</h1><iframe title="Card details" src="${frameUrl()}" style="width:480px;height:${frameHeight}px;border:0"></iframe></main></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return { origin, url: `${origin}/`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
