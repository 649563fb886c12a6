import { NextResponse } from "next/server";
import { randomUUID } from "node:crypto";
import { ApiError } from "@/lib/api/api-error";
import { errorResult } from "@/lib/api/api-route";
import { readJsonBody } from "@/lib/api/read-json-body";
import { zodFieldErrors } from "@/lib/api/zod-fields";
import { CSRF_HEADER } from "@/lib/portal/portal-route";
import { AcceptInviteFormSchema } from "@/lib/users/form-schemas";
import { SIGN_IN_CSRF } from "@/lib/portal/sign-in-csrf";
import { acceptInvite } from "@/lib/users/accept-invite";

// POST /portal/session/invite: the invitee chooses a password and becomes a
// user. Like sign-in there is no session yet: the custom header and the
// JSON body are the CSRF defence (see ../route.ts); the token itself is the
// credential. The answer sends the browser to sign in with it.
export async function POST(request: Request): Promise<Response> {
  try {
    if (request.headers.get(CSRF_HEADER) !== SIGN_IN_CSRF) throw new ApiError("forbidden", "Accept the invitation from its own page.");
    const parsed = AcceptInviteFormSchema.safeParse((await readJsonBody(request)).json);
    if (!parsed.success) throw new ApiError("validation", "Please correct the highlighted fields.", zodFieldErrors(parsed.error, ""));
    const user = await acceptInvite({ token: parsed.data.token, password: parsed.data.password });
    return NextResponse.json({ code: 0, message: "Success", data: { email: user.email, next: "/portal/sign-in?reason=invited" } });
  } catch (error) {
    const result = errorResult(error, randomUUID());
    return NextResponse.json(result.body, { status: result.status, headers: { "cache-control": "no-store" } });
  }
}
