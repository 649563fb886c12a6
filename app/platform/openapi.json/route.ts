import { openApiDocument } from "@/lib/openapi/openapi-document";

// GET: the API's OpenAPI 3.1 document. Public (it describes the API, it holds
// no merchant's data), so it is served without an API key, outside apiRoute.
// The document changes only with a new build: caches may keep it a while.
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=3600" } });
}
