import { Panel } from "@/components/ui/panel";
import { buttonClass } from "@/components/ui/button-class";
import { PageHeader } from "@/components/portal/page-header";
import { RequireTotpToggle } from "@/components/portal/require-totp-toggle";
import { TotpEnrolment } from "@/components/portal/totp-enrolment";
import { requirePortalUser } from "@/lib/portal/current-user";
import { can } from "@/lib/portal/permissions";
import { beginTotpEnrolment } from "@/lib/users/totp-enrolment";

export const metadata = { title: "Security · Customer Vault" };

export default async function SecurityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requirePortalUser();
  // A new secret only when asked for: viewing the page changes nothing.
  const enrolling = (await searchParams).enrol === "1";
  const enrolment = enrolling ? await beginTotpEnrolment(session.user) : null;
  return (
    <>
      <PageHeader title="Security" description="Your second factor, and the merchant's sign-in rules." />
      <div className="space-y-6">
        <Panel title="Your second factor">
          {enrolment ? (
            <TotpEnrolment
              csrf={session.csrf}
              pending={enrolment.pending}
              secret={enrolment.secret}
              qrDataUrl={enrolment.qrDataUrl}
              doneHref="/portal/settings/security"
            />
          ) : (
            <div className="space-y-3">
              <p className="text-sm text-slate-700">
                {session.user.hasTotp
                  ? "An authenticator app is set up: each sign-in asks for its code."
                  : "No second factor yet. An authenticator app keeps your account safe even if your password leaks."}
              </p>
              <a href="/portal/settings/security?enrol=1" className={buttonClass(session.user.hasTotp ? "secondary" : "primary")}>
                {session.user.hasTotp ? "Replace my authenticator app" : "Set up an authenticator app"}
              </a>
            </div>
          )}
        </Panel>
        {can(session.user.role, "security.require_totp") ? (
          <Panel title="Second factor for everyone">
            <RequireTotpToggle initial={session.merchant.requireTotp} />
          </Panel>
        ) : null}
      </div>
    </>
  );
}
