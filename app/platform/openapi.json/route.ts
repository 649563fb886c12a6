import { publicRoute } from "@/lib/api/public-route";
import { openApiDocument } from "@/lib/openapi/openapi-document";

// GET: the API's OpenAPI 3.1 document. Public (it describes the API, it holds
// no merchant's data), so it needs no API key. The document changes only with
// a new build: caches may keep it a while.
export const GET = publicRoute(async () => Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=3600" } }));
