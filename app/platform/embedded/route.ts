import { apiRoute } from "@/lib/api/api-route";
import { success } from "@/lib/api/envelope";
import { createTransientKey } from "@/lib/embedded/transient-key";
import { unservedMethods } from "@/lib/api/unserved-methods";

// GET: a single-use transient key for the embedded card form.
export const GET = apiRoute({}, async ({ actor }) => success(await createTransientKey(actor)));

export const { POST, PUT, PATCH, DELETE } = unservedMethods("GET");
