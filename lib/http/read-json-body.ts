import { ApiError } from "../errors/api-error";
import type { Incoming } from "./incoming";

/** Bodies over this many bytes get a 413 before they are parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A JSON object body as sent (`raw`, which the idempotency record hashes) and parsed. */
export type JsonBody = { raw: string; json: Record<string, unknown> };

/** Reads a JSON object body: 415 for another type, 413 past 1 MB, 400 for bad JSON. */
export async function readJsonBody(request: Incoming): Promise<JsonBody> {
  const type = request.header("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type.trim())) {
    throw new ApiError("unsupported_media_type", "Content-Type must be application/json");
  }
  const declared = Number(request.header("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();

  const bytes = await request.readBytes(MAX_BODY_BYTES);
  if (bytes === null) throw tooLarge();
  const text = bytes.toString("utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError("validation", "Request body is not valid JSON", { body: "must be a JSON object" });
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ApiError("validation", "Request body must be a JSON object", { body: "must be a JSON object" });
  }
  return { raw: text, json: parsed as Record<string, unknown> };
}

function tooLarge(): ApiError {
  return new ApiError("payload_too_large", `Request body is larger than ${MAX_BODY_BYTES} bytes`);
}
