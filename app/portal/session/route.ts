import { NextResponse } from "next/server";
import { randomUUID } from "node:crypto";
import { ApiError } from "@/lib/api/api-error";
import { errorResult } from "@/lib/api/api-route";
import { clientAddressOf } from "@/lib/api/client-address";
import { readJsonBody } from "@/lib/api/read-json-body";
import { zodFieldErrors } from "@/lib/api/zod-fields";
import { portalCookieOptions } from "@/lib/portal/portal-session";
import { CSRF_HEADER } from "@/lib/portal/portal-route";
import { SignInFormSchema } from "@/lib/users/form-schemas";
import { SIGN_IN_CSRF } from "@/lib/portal/sign-in-csrf";
import { signInWithPassword } from "@/lib/portal/sign-in";

// POST /portal/session: the password step of signing in. There is no session
// yet to hold a CSRF token, so the form proves it is the portal's own page
// by a custom header (a cross-site page cannot send one without a CORS
// preflight, which the vault never grants) on top of proxy.ts refusing posts
// the browser marks cross-site; the body must be JSON for the same reason.
export async function POST(request: Request): Promise<Response> {
  const requestId = randomUUID();
  try {
    if (request.headers.get(CSRF_HEADER) !== SIGN_IN_CSRF) throw new ApiError("forbidden", "Sign in from the portal's sign-in page.");
    const parsed = SignInFormSchema.safeParse((await readJsonBody(request)).json);
    if (!parsed.success) throw new ApiError("validation", "Please correct the highlighted fields.", zodFieldErrors(parsed.error, ""));
    const { sealed, next } = await signInWithPassword({ ...parsed.data, clientAddress: clientAddressOf(request) });
    const response = NextResponse.json({ code: 0, message: "Success", data: { next } }, { headers: { "cache-control": "no-store" } });
    response.cookies.set({ ...portalCookieOptions(), value: sealed });
    return response;
  } catch (error) {
    const result = errorResult(error, requestId);
    return NextResponse.json(result.body, { status: result.status, headers: { "cache-control": "no-store" } });
  }
}
