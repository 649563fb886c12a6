// The vault's HTTP server. The API (/platform and /pg) is served straight
// from node:http through its route table (dist/api.mjs, bundled from
// lib/api/serve-api.ts by `npm run build`); Next.js serves the pages and the
// portal (docs/decisions/015). Both get the one thing they cannot see, the
// client's address: any x-vault-client-address (and, unless TRUST_PROXY is
// set, any X-Forwarded-For) a client sends is overwritten, so audit rows and
// rate limits cannot be fooled by a header.
import cluster from "node:cluster";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { availableParallelism } from "node:os";
import next from "next";
import { envOrExit } from "./lib/env-schema.mjs";

// Every setting through the app's one set of rules: a bad value stops the
// server here, with the message the worker and the CLI give for it.
const env = envOrExit();

// Files the app opens at run time (the SQLite writer's worker, the hosted
// form's script, the API bundle) are found from the working directory: make
// it this one.
process.chdir(import.meta.dirname);

const { PORT: port, HOST: hostname, TRUST_PROXY: trustProxy } = env;
const publicBaseUrl = new URL(env.PUBLIC_BASE_URL);
const API_BUNDLE = "./dist/api.mjs";

// Headers every response carries. Pages replace the Content-Security-Policy
// with their own nonce-based one (proxy.ts); anything that reaches the
// browser without one (the API, static files, a route proxy.ts missed) gets
// this closed default. HSTS only where the vault is served over https under
// a real name: on localhost it would pin the browser to https for every
// local development server.
const baseHeaders = {
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  ...(publicBaseUrl.protocol === "https:" && !isLoopbackHost(publicBaseUrl.hostname)
    ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" }
    : {}),
};

// WEB_CONCURRENCY web processes share the port through node:cluster; this
// process then forks them and serves nothing itself. By default one on
// SQLite (one file, one writer at a time: a second process would queue
// behind the first) and one per core on PostgreSQL.
const webProcesses = env.WEB_CONCURRENCY ?? (env.databaseProvider === "postgres" ? availableParallelism() : 1);
if (webProcesses > 1 && cluster.isPrimary) runWebProcesses(webProcesses);
else await serve(webProcesses === 1);

/** One web process: the API from its bundle, the rest through Next.js. */
async function serve(alone) {
  if (!existsSync(API_BUNDLE)) {
    console.error(`Error: ${API_BUNDLE} is missing; run \`npm run build\` (npm start builds it when needed).`);
    process.exit(1);
  }
  const { isApiPath, serveApi } = await import(API_BUNDLE);
  const app = next({ dev: false, dir: import.meta.dirname, port, hostname: "localhost" });
  const handle = app.getRequestHandler();
  await app.prepare();
  await keysChecked();

  const server = createServer((req, res) => {
    req.headers["x-vault-client-address"] = clientAddress(req);
    for (const [name, value] of Object.entries(baseHeaders)) res.setHeader(name, value);
    if (!isApiPath(pathOf(req.url))) return handle(req, res);
    serveApi(req, res).catch((error) => {
      // serveApi answers every error in the envelope itself; this is for a bug in that.
      console.error(error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal error");
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => {
    if (alone) console.log(`Customer Vault is serving on ${publicBaseUrl.origin} (port ${port}).`);
  });

  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      if (alone) console.log(`Customer Vault received ${signal}: closing.`);
      server.close(() => process.exit(0));
      // Keep-alive connections would hold close() open; don't wait forever.
      setTimeout(() => process.exit(0), 5000).unref();
    });
  }
}

/** Forks `count` web processes; one that ends on its own ends them all, as npm start does with the worker. */
function runWebProcesses(count) {
  let stopping = false;
  let listening = 0;
  let exitCode = 0;
  const stopAll = (signal) => {
    stopping = true;
    for (const child of Object.values(cluster.workers ?? {})) child?.process.kill(signal);
  };
  cluster.on("listening", () => {
    if (++listening === count) console.log(`Customer Vault is serving on ${publicBaseUrl.origin} (port ${port}, ${count} web processes).`);
  });
  cluster.on("exit", (child, code, signal) => {
    if (!stopping) {
      console.error(`Customer Vault: web process ${child.process.pid} ended (${signal ?? `exit ${code}`}); stopping the others.`);
      exitCode = code || 1;
      stopAll("SIGTERM");
    }
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      console.log(`Customer Vault received ${signal}: closing.`);
      stopAll(signal);
    });
  }
  for (let i = 0; i < count; i++) cluster.fork();
}

// instrumentation.ts checks the keys against the database as Next starts
// (exiting with the reason when they cannot serve it), but Next does not
// wait for it: listen only once it has passed.
async function keysChecked() {
  const KEYS_CHECKED = Symbol.for("customer-vault.keys-checked");
  const deadline = Date.now() + 60_000;
  while (!(KEYS_CHECKED in globalThis)) {
    if (Date.now() > deadline) {
      console.error("Error: the keys check (instrumentation.ts) did not run within 60 s; is the build current? Run `npm run build`.");
      process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await globalThis[KEYS_CHECKED];
}

/** The socket's address, or with TRUST_PROXY the last X-Forwarded-For entry: the one the proxy vouches for. */
function clientAddress(req) {
  const forwarded = req.headers["x-forwarded-for"];
  if (trustProxy && typeof forwarded === "string" && forwarded.trim() !== "") return forwarded.split(",").at(-1).trim();
  delete req.headers["x-forwarded-for"];
  return req.socket.remoteAddress ?? "";
}

/** The path of a request line, without its query. */
function pathOf(url = "/") {
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}

function isLoopbackHost(hostname) {
  return hostname === "localhost" || hostname.endsWith(".localhost") || /^127\./.test(hostname) || hostname === "[::1]";
}
