import "#server-only";
import type { IncomingMessage } from "node:http";

/** A form post bigger than this is refused unread: the card form is a few hundred bytes. */
const FORM_LIMIT_BYTES = 16 * 1024;

/**
 * The fields of a plain HTML form post (application/x-www-form-urlencoded),
 * or null when the body is of another type or too large. Pages served by the
 * Pages Router get the raw request; nothing parses it for them.
 */
export async function readFormBody(req: IncomingMessage): Promise<Record<string, string> | null> {
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > FORM_LIMIT_BYTES) return null;
    chunks.push(chunk);
  }
  const fields: Record<string, string> = {};
  // The first value of a repeated name wins, as for any one-value field.
  for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString("utf8"))) fields[name] ??= value;
  return fields;
}
