import type { z } from "zod";
import { ApiError } from "./api-error";
import { FIELD_PARSE_PARAMS, zodFieldErrors } from "./zod-fields";

/** Parses a domain function's options; a failure is an ApiError validation naming each field. */
export function parseOptions<S extends z.ZodType>(schema: S, options: unknown): z.infer<S> {
  const parsed = schema.safeParse(options, FIELD_PARSE_PARAMS);
  if (!parsed.success) throw new ApiError("validation", "Request validation failed", zodFieldErrors(parsed.error));
  return parsed.data;
}
