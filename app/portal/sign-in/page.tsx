import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { SignInForm } from "@/components/portal/sign-in-form";
import { SignInFrame } from "@/components/portal/sign-in-frame";
import { currentPortalSession } from "@/lib/portal/current-user";
import { STAGE_HOME } from "@/lib/portal/sign-in";

export const metadata = { title: "Sign in · Customer Vault" };

const NOTES: Record<string, string> = {
  expired: "You were signed out after 15 minutes without activity. Sign in again to continue.",
  signed_out: "You have signed out.",
  // Reached only from the second-factor step, after the right password (components/portal/second-factor-form.tsx).
  locked: "Too many failed attempts: this account is locked for 30 minutes. Try again later or ask an owner to unlock it.",
  invited: "Your account is ready. Sign in with your new password.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await currentPortalSession();
  if (session) redirect(STAGE_HOME[session.stage]);
  const reason = (await searchParams).reason;
  const note = typeof reason === "string" && Object.hasOwn(NOTES, reason) ? NOTES[reason] : null;
  return (
    <SignInFrame title="Sign in to the portal">
      {note ? (
        <div className="mb-4">
          <Alert tone={reason === "locked" ? "error" : "info"}>{note}</Alert>
        </div>
      ) : null}
      <SignInForm />
    </SignInFrame>
  );
}
