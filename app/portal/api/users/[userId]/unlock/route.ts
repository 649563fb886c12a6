import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { UserPathSchema } from "@/lib/users/schemas";
import { unlockUser } from "@/lib/users/unlock-user";

// POST /portal/api/users/{userId}/unlock: end a user's sign-in lock and clear
// their failure counts, so they can sign in again at once.
export const POST = portalRoute({ permission: "users.manage", params: UserPathSchema }, async ({ actor, params }) =>
  success(await unlockUser({ actor, userId: params.userId })),
);
