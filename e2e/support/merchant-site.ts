// The merchant's side of the redirect: a real HTTP server on its own origin
// (http://127.0.0.1:PORT, while the vault is http://localhost:PORT) serving
// the success and failure landing pages and recording every query string it
// receives, so a test sees what the merchant's server really got.
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
