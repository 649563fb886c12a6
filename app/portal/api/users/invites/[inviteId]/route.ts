import { successMessage } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { InvitePathSchema } from "@/lib/users/schemas";
import { revokeInvite } from "@/lib/users/invite-user";

// DELETE /portal/api/users/invites/{inviteId}: withdraw a pending invitation.
export const DELETE = portalRoute({ permission: "users.manage", params: InvitePathSchema }, async ({ actor, params }) => {
  await revokeInvite({ actor, inviteId: params.inviteId });
  return successMessage("Invitation revoked");
});
