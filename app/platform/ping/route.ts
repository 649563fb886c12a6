import { apiRoute } from "@/lib/api/api-route";
import { success } from "@/lib/api/envelope";
import { unservedMethods } from "@/lib/api/unserved-methods";

// An authenticated route that does nothing else: the benchmark's floor for
// what the framework, the wrapper and the key lookup cost per request.
export const GET = apiRoute({}, async ({ actor }) => success({ merchant_id: Number(actor.merchantId) }));

export const { POST, PUT, PATCH, DELETE } = unservedMethods("GET");
