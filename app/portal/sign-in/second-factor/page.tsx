import { SecondFactorForm } from "@/components/portal/second-factor-form";
import { SignInFrame } from "@/components/portal/sign-in-frame";
import { requirePortalUser } from "@/lib/portal/current-user";

export const metadata = { title: "Second factor · Customer Vault" };

export default async function SecondFactorPage() {
  const session = await requirePortalUser({ stage: "second_factor" });
  return (
    <SignInFrame title="Enter your code">
      <p className="mb-4 text-sm text-slate-700">
        Signing in as <strong>{session.user.email}</strong>.
      </p>
      <SecondFactorForm csrf={session.csrf} />
    </SignInFrame>
  );
}
