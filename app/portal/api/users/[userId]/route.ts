import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { ChangeRoleSchema, UserPathSchema } from "@/lib/users/schemas";
import { changeUserRole } from "@/lib/users/change-user-role";
import { removeUser } from "@/lib/users/remove-user";

// PATCH /portal/api/users/{userId}: change a user's role. The new role
// applies from the user's next request: sessions read it from the database.
export const PATCH = portalRoute({ permission: "users.manage", params: UserPathSchema, body: ChangeRoleSchema }, async ({ actor, params, body }) =>
  success(await changeUserRole({ actor, userId: params.userId, role: body.role })),
);

// DELETE /portal/api/users/{userId}: remove a user; their sessions end with them.
export const DELETE = portalRoute({ permission: "users.manage", params: UserPathSchema }, async ({ actor, params }) =>
  success(await removeUser({ actor, userId: params.userId })),
);
