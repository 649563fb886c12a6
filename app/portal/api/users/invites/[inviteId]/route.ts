import { successMessage } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { invitePathSchema } from "@/lib/portal/schemas";
import { revokeInvite } from "@/lib/users/invite-user";

// DELETE /portal/api/users/invites/{inviteId}: withdraw a pending invitation.
export const DELETE = portalRoute({ permission: "users.manage", params: invitePathSchema }, async ({ actor, params }) => {
  await revokeInvite({ actor, inviteId: params.inviteId });
  return successMessage("Invitation revoked");
});
