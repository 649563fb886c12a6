// The vault's HTTP server: Next.js behind a thin Node server that owns the
// one thing route handlers cannot see, the client's address. It overwrites
// any x-vault-client-address (and, unless TRUST_PROXY is set, any
// X-Forwarded-For) a client sends, so audit rows and rate limits cannot be
// fooled by a header.
import { createServer } from "node:http";
import next from "next";

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "0.0.0.0";
const trustProxy = ["1", "true"].includes(process.env.TRUST_PROXY ?? "");

const app = next({ dev: false, dir: import.meta.dirname, port, hostname: "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  let address = req.socket.remoteAddress ?? "";
  const forwarded = req.headers["x-forwarded-for"];
  if (trustProxy && typeof forwarded === "string" && forwarded.trim() !== "") {
    // The proxy appends the address it saw: the last entry is the one it vouches for.
    address = forwarded.split(",").at(-1).trim();
  } else {
    delete req.headers["x-forwarded-for"];
  }
  req.headers["x-vault-client-address"] = address;
  handle(req, res);
});
server.keepAliveTimeout = 65_000;

server.listen(port, hostname, () => {
  const base = process.env.PUBLIC_BASE_URL || `http://localhost:${port}`;
  console.log(`Customer Vault is serving on ${base} (port ${port}).`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    // Keep-alive connections would hold close() open; don't wait forever.
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
