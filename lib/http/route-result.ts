/** A JSON answer: the envelope body, its HTTP status, and any header the answer needs (a 405's Allow). */
export type RouteResult = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

/** What a handler returns: the envelope, or a finished Response for what is not JSON (the audit log's streamed CSV). */
export type RouteAnswer = RouteResult | Response;
