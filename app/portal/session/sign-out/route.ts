import { cookies } from "next/headers";
import { portalEntryRoute } from "@/lib/portal/portal-entry-route";
import { endPortalSession, portalCookieOptions } from "@/lib/portal/portal-session";

// POST /portal/session/sign-out: ends the session on the server and clears
// the cookie. A live session's CSRF token is required, so another site cannot
// sign a user out; without one there is nothing to end, and the answer is
// the same.
export const POST = portalEntryRoute({ csrf: "session" }, async ({ session, clientAddress, requestId }) => {
  if (session) {
    const actor = { merchantId: session.user.merchantId, actor: `user:${session.user.id}`, clientAddress, requestId };
    await endPortalSession(session.id, actor);
  }
  (await cookies()).set({ ...portalCookieOptions(), value: "", maxAge: 0 });
  return { status: 200, body: { code: 0, message: "Signed out", data: { next: "/portal/sign-in?reason=signed_out" } } };
});
