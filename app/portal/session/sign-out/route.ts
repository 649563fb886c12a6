import { NextResponse } from "next/server";
import { cookies } from "next/headers";
import { endPortalSession, openPortalSession, PORTAL_COOKIE, portalCookieOptions } from "@/lib/portal/portal-session";
import { CSRF_HEADER } from "@/lib/portal/portal-route";
import { clientAddressOf } from "@/lib/api/client-address";

// POST /portal/session/sign-out: ends the session on the server and clears
// the cookie. It needs the session's CSRF token, so another site cannot
// sign a user out; without a live session there is nothing to end.
export async function POST(request: Request): Promise<Response> {
  const session = await openPortalSession((await cookies()).get(PORTAL_COOKIE)?.value);
  if (typeof session === "object") {
    if (request.headers.get(CSRF_HEADER) !== session.csrf) {
      return NextResponse.json({ code: 3, message: "Forbidden" }, { status: 403 });
    }
    await endPortalSession(session.id, { merchantId: session.user.merchantId, actor: `user:${session.user.id}`, clientAddress: clientAddressOf(request) });
  }
  const response = NextResponse.json({ code: 0, message: "Signed out", data: { next: "/portal/sign-in?reason=signed_out" } });
  response.cookies.set({ ...portalCookieOptions(), value: "", maxAge: 0 });
  return response;
}
