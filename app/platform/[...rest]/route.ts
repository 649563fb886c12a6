import { ApiError } from "@/lib/errors/api-error";
import { apiRoute } from "@/lib/api/api-route";

// Unknown /platform paths answer in the envelope (after auth, so the set of
// routes can't be probed without a key).
const notFound = apiRoute({}, async () => {
  throw new ApiError("not_found", "No such API operation");
});
export { notFound as GET, notFound as POST, notFound as PUT, notFound as DELETE, notFound as PATCH };
