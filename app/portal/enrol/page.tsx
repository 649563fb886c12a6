import { SignInFrame } from "@/components/portal/sign-in-frame";
import { TotpEnrolment } from "@/components/portal/totp-enrolment";
import { requirePortalUser } from "@/lib/portal/current-user";
import { beginTotpEnrolment } from "@/lib/users/totp-enrolment";

export const metadata = { title: "Set up a second factor · Customer Vault" };

// Where a user lands when their merchant requires a second factor and they
// have none: nothing else in the portal opens until they enrol.
export default async function EnrolPage() {
  const session = await requirePortalUser({ stage: "enrol" });
  const enrolment = await beginTotpEnrolment(session.user);
  return (
    <SignInFrame title="Set up a second factor">
      <p className="mb-4 text-sm text-slate-700">{session.merchant.name} requires an authenticator app for every portal user. It takes a minute.</p>
      <TotpEnrolment csrf={session.csrf} pending={enrolment.pending} secret={enrolment.secret} qrDataUrl={enrolment.qrDataUrl} doneHref="/portal/customers" />
    </SignInFrame>
  );
}
