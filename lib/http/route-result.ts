/** A JSON answer: the envelope body and its HTTP status. */
export type RouteResult = { status: number; body: Record<string, unknown> };

/** What a handler returns: the envelope, or a finished Response for what is not JSON (the audit log's streamed CSV). */
export type RouteAnswer = RouteResult | Response;
