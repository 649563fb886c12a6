import { success } from "@/lib/api/envelope";
import { portalEntryRoute } from "@/lib/portal/portal-entry-route";
import { AcceptInviteFormSchema } from "@/lib/users/form-schemas";
import { acceptInvite } from "@/lib/users/accept-invite";

// POST /portal/session/invite: the invitee chooses a password and becomes a
// user. Like sign-in there is no session yet: the fixed token and the JSON
// body are the CSRF defence; the invitation's token itself is the
// credential. The answer sends the browser to sign in with it.
export const POST = portalEntryRoute(
  { csrf: "sign-in", refusal: "Accept the invitation from its own page.", body: AcceptInviteFormSchema },
  async ({ body }) => {
    const user = await acceptInvite({ token: body.token, password: body.password });
    return success({ email: user.email, next: "/portal/sign-in?reason=invited" });
  },
);
