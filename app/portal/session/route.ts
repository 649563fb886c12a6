import { cookies } from "next/headers";
import { success } from "@/lib/api/envelope";
import { portalEntryRoute } from "@/lib/portal/portal-entry-route";
import { portalCookieOptions } from "@/lib/portal/portal-session";
import { SignInFormSchema } from "@/lib/users/form-schemas";
import { signInWithPassword } from "@/lib/portal/sign-in";

// POST /portal/session: the password step of signing in. There is no session
// yet to hold a CSRF token, so the form proves it is the portal's own page by
// the fixed sign-in token in x-vault-csrf and a JSON body (see
// lib/portal/portal-entry-route.ts), on top of proxy.ts refusing posts the
// browser marks cross-site.
export const POST = portalEntryRoute(
  { csrf: "sign-in", refusal: "Sign in from the portal's sign-in page.", body: SignInFormSchema },
  async ({ body, clientAddress }) => {
    const { sealed, next } = await signInWithPassword({ ...body, clientAddress });
    (await cookies()).set({ ...portalCookieOptions(), value: sealed });
    return success({ next });
  },
);
