// The HTTP side of the floor, by hand on node:http: reading a JSON body
// within the product's limits, the error envelope, and the answer with the
// headers the product's answers carry (server.mjs's and route-core's).
import type { IncomingMessage, ServerResponse } from "node:http";
import { ERROR_TABLE } from "@/lib/errors/error-table";
import type { ErrorKind } from "@/lib/errors/api-error";
import { MAX_BODY_BYTES } from "@/lib/http/read-json-body";

/** A refusal: the envelope's code and message come from the product's error table. */
export class FloorRefusal extends Error {
  constructor(
    readonly kind: ErrorKind,
    message?: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message ?? ERROR_TABLE[kind].message);
  }
}

export type Answer = { status: number; body: Record<string, unknown> };

export function success(data: unknown): Answer {
  return { status: 200, body: { code: 0, message: "Success", data } };
}

/** A refusal as the envelope; anything else as the product's generic 500 naming the request id. */
export function errorAnswer(error: unknown, requestId: string): Answer {
  if (error instanceof FloorRefusal) {
    const row = ERROR_TABLE[error.kind];
    return { status: row.status, body: { code: row.code, message: error.message, ...(error.fields ? { data: error.fields } : {}) } };
  }
  console.error(JSON.stringify({ level: "error", requestId, err: String((error as Error)?.stack ?? error) }));
  const row = ERROR_TABLE.internal;
  return { status: row.status, body: { code: row.code, message: row.message, data: { request_id: requestId } } };
}

/** A JSON object body: 415 for another type, 413 past the product's 1 MB, 400 for bad JSON or not an object. */
export function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (!/^application\/json\s*(;|$)/i.test((req.headers["content-type"] ?? "").trim())) {
    return Promise.reject(new FloorRefusal("unsupported_media_type", "Content-Type must be application/json"));
  }
  if (Number(req.headers["content-length"] ?? "0") > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) {
        reject(tooLarge());
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("error", reject);
    req.on("end", () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return reject(new FloorRefusal("validation", "Request body is not valid JSON", { body: "must be a JSON object" }));
      }
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        return reject(new FloorRefusal("validation", "Request body must be a JSON object", { body: "must be a JSON object" }));
      }
      resolve(parsed as Record<string, unknown>);
    });
  });
}

function tooLarge(): FloorRefusal {
  return new FloorRefusal("payload_too_large", `Request body is larger than ${MAX_BODY_BYTES} bytes`);
}

// server.mjs's headers for a loopback PUBLIC_BASE_URL (no HSTS), then route-core's.
const BASE_HEADERS = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

export function send(res: ServerResponse, answer: Answer, requestId: string): void {
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    ...BASE_HEADERS,
    "x-request-id": requestId,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}
