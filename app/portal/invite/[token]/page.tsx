import { notFound } from "next/navigation";
import { SignInFrame } from "@/components/portal/sign-in-frame";
import { AcceptInviteForm } from "@/components/portal/users/accept-invite-form";
import { Alert } from "@/components/ui/alert";
import { findInvite } from "@/lib/users/accept-invite";

export const metadata = { title: "Accept an invitation · Customer Vault" };

// An invitation link. The token is in the path only for this page; the
// page sends no Referer (server.mjs: Referrer-Policy no-referrer), so it
// does not leak to anything the page loads.
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (token.length > 128) notFound();
  const invite = await findInvite(token);
  return (
    <SignInFrame title="Join the portal">
      {invite ? (
        <>
          <p className="mb-4 text-sm text-slate-700">
            You are invited to <strong>{invite.merchantName}</strong> as <strong>{invite.role}</strong>, signing in as <strong>{invite.email}</strong>. Choose a
            password.
          </p>
          <AcceptInviteForm token={token} email={invite.email} />
        </>
      ) : (
        <Alert tone="error">This invitation has expired or was already used. Ask whoever invited you for a new one.</Alert>
      )}
    </SignInFrame>
  );
}
