import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { InviteUserFormSchema } from "@/lib/users/form-schemas";
import { inviteUser } from "@/lib/users/invite-user";

// POST /portal/api/users/invites: invite someone; the answer carries the one-time link.
export const POST = portalRoute({ permission: "users.manage", body: InviteUserFormSchema }, async ({ actor, body }) => {
  const invite = await inviteUser({ actor, email: body.email, role: body.role });
  return success({ email: invite.email, role: invite.role, link: invite.link, expiresAt: invite.expiresAt.toISOString() });
});
