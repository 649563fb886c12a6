// The bench's floor: the API operations the bench measures (add and get a
// customer, a sale on a vault card), served by a
// plain node:http server with no framework, no ORM and no schema library,
// doing the product's work per request on the product's drivers, crypto,
// keyring and database settings (README, "Benchmark", says what is the same
// and what is left out). `npm run bench` starts it beside the product, on
// the same database, and reports the product as a share of it.
//
//   DATABASE_URL=... VAULT_KEYS_FILE=... PORT=... HOST=127.0.0.1 node --import tsx bench/floor/api-floor-server.ts
import { writeSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { getEnv } from "@/lib/env";
import { getKeyring } from "@/lib/crypto/get-keyring";
import { redactCardNumbers } from "@/lib/log/redact-card-numbers";
import { addCustomer } from "./floor-add-customer";
import { authenticate, checkMerchantScope } from "./floor-authenticate";
import { getCustomer } from "./floor-get-customer";
import { sale } from "./floor-sale";
import { errorAnswer, FloorRefusal, readJsonBody, send, type Answer } from "./floor-http";
import { openPostgresStore } from "./floor-postgres-store";
import { openSqliteStore } from "./floor-sqlite-store";
import type { FloorStore } from "./floor-store";

const env = getEnv();
const store: FloorStore =
  env.databaseProvider === "sqlite" ? openSqliteStore(env.DATABASE_URL.replace(/^file:/, "")) : openPostgresStore(env.DATABASE_URL, env.DATABASE_POOL_SIZE);
// Load the keys now, not on the first request.
getKeyring();

const ADD_PATH = "/platform/vault/customer";
const GET_PREFIX = "/platform/vault/customer/";
const SALE_PATH = "/pg/sale";

async function answer(req: IncomingMessage, path: string, query: string, requestId: string, log: { merchantId?: string }): Promise<Answer> {
  const caller = await authenticate(store, req.headers.authorization);
  log.merchantId = caller.merchantId.toString();
  if (query !== "") checkMerchantScope(caller.merchantId, new URLSearchParams(query).get("merchant_id"));
  const facts = { clientAddress: req.socket.remoteAddress ?? null, requestId };
  if (req.method === "POST" && path === ADD_PATH) return addCustomer(store, caller, await readJsonBody(req), facts);
  if (req.method === "POST" && path === SALE_PATH) return sale(store, caller, await readJsonBody(req), facts);
  if (req.method === "GET" && path.startsWith(GET_PREFIX) && !path.includes("/", GET_PREFIX.length)) {
    // Next.js decodes the path segment the same way; a malformed escape cannot be a customer_id.
    let customerId: string;
    try {
      customerId = decodeURIComponent(path.slice(GET_PREFIX.length));
    } catch {
      customerId = "";
    }
    return getCustomer(store, caller, customerId);
  }
  throw new FloorRefusal("not_found", "No such API operation on the floor");
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const startedAt = performance.now();
  const requestId = randomUUID();
  const url = req.url ?? "/";
  const queryAt = url.indexOf("?");
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const log: { merchantId?: string } = {};
  let result: Answer;
  try {
    result = await answer(req, path, queryAt === -1 ? "" : url.slice(queryAt + 1), requestId, log);
  } catch (error) {
    result = errorAnswer(error, requestId);
  }
  // The product's one log line per request, the same fields, written to
  // stdout synchronously as its logger does; the path is the only client
  // text in it, and goes through the log's card-number redaction.
  const line = {
    level: "info",
    time: new Date().toISOString(),
    service: "customer-vault-floor",
    pid: process.pid,
    requestId,
    method: req.method,
    path: redactCardNumbers(path),
    status: result.status,
    code: result.body.code ?? result.body.rcode,
    ...log,
    ms: Math.round((performance.now() - startedAt) * 10) / 10,
    msg: path.startsWith("/pg/") ? "pg request" : "api request",
  };
  writeSync(1, `${JSON.stringify(line)}\n`);
  send(res, result, requestId);
}

const server = createServer((req, res) => void handle(req, res));
server.keepAliveTimeout = 65_000;
server.listen(env.PORT, env.HOST, () => console.log(`Bench floor serving on ${env.HOST}:${env.PORT} (${env.databaseProvider}).`));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
