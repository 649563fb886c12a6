import type { IncomingMessage } from "node:http";

/** Path parameters as a router found them. */
export type PathParams = Record<string, string | string[] | undefined>;

/**
 * One HTTP request as the route pipeline (route-core.ts) reads it, whichever
 * server received it: Next.js hands route handlers a fetch Request, while
 * server.mjs serves the API straight from node:http (lib/api/serve-api.ts),
 * where building a fetch Request for every call would be work for nothing.
 */
export type Incoming = {
  method: string;
  /** Only the path and the query are read. */
  url: URL;
  /** A header's value (names in lower case); repeated headers are joined with ", ". */
  header(name: string): string | null;
  /**
   * The whole body, or null once it passes `limit` bytes (counted as they
   * arrive: a chunked body has no Content-Length to trust).
   */
  readBytes(limit: number): Promise<Buffer | null>;
  params: PathParams;
};

/** A Next.js route handler's request. */
export function incomingOfRequest(request: Request, params: PathParams): Incoming {
  return {
    method: request.method,
    url: new URL(request.url),
    header: (name) => request.headers.get(name),
    readBytes: (limit) => readWebStream(request.body, limit),
    params,
  };
}

// The request line holds only the path and the query; any origin serves to parse them.
const PARSE_BASE = "http://vault.invalid";

/** A node:http request, its path already matched to `params`. */
export function incomingOfNodeRequest(request: IncomingMessage, url: URL, params: PathParams): Incoming {
  return {
    method: request.method ?? "GET",
    url,
    header(name) {
      const value = request.headers[name];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
    readBytes: (limit) => readNodeStream(request, limit),
    params,
  };
}

async function readWebStream(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Buffer | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (body) {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}

// Past the limit the rest of the body is still read, and dropped: the client
// is sending it anyway, and it must be taken off the connection before the
// answer (a 413) can be read there. server.mjs's request timeout bounds it.
function readNodeStream(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      chunks.length = 0;
      request.off("data", onData).off("end", onEnd).off("error", reject);
      request.resume();
      resolve(null);
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    request.on("data", onData).once("end", onEnd).once("error", reject);
  });
}

/** The path and query of a node:http request line. */
export function urlOfNodeRequest(request: IncomingMessage): URL {
  return new URL(request.url ?? "/", PARSE_BASE);
}
