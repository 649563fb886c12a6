import type { ReactNode } from "react";
import { PortalProvider } from "@/components/portal/portal-context";
import { PortalNav, type NavItem } from "@/components/portal/portal-nav";
import { SignOutButton } from "@/components/portal/sign-out-button";
import { requirePortalUser } from "@/lib/portal/current-user";
import { can } from "@/lib/portal/permissions";

// The signed-in portal's frame: the merchant, the user, the sections their
// role may open, and "Sign out". Every page below checks the session again
// (with its own permission) through requirePortalUser.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const session = await requirePortalUser();
  const role = session.user.role;
  const items: NavItem[] = [
    { href: "/portal/customers", label: "Customers" },
    { href: "/portal/transactions", label: "Transactions" },
    { href: "/portal/subscriptions", label: "Subscriptions" },
    { href: "/portal/plans", label: "Plans" },
    { href: "/portal/account-updater", label: "Account Updater" },
    { href: "/portal/links", label: "Checkout links" },
    ...(can(role, "audit.read") ? [{ href: "/portal/audit", label: "Audit log" }] : []),
    ...(can(role, "settings.read")
      ? [
          { href: "/portal/settings/branding", label: "Branding" },
          { href: "/portal/settings/checkout", label: "Checkout settings" },
          { href: "/portal/settings/api-keys", label: "API keys" },
          { href: "/portal/settings/webhooks", label: "Webhooks" },
          { href: "/portal/settings/gateway", label: "Gateway" },
        ]
      : []),
    ...(can(role, "users.manage") ? [{ href: "/portal/settings/users", label: "Users" }] : []),
    { href: "/portal/settings/security", label: "Security" },
  ];
  return (
    <PortalProvider value={{ csrf: session.csrf, role, email: session.user.email }}>
      {/* The session's CSRF token, as the client components also hold it: readable only by same-origin script. */}
      <meta name="vault-csrf" content={session.csrf} />
      <a
        href="#content"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm"
      >
        Skip to content
      </a>
      <div className="min-h-screen bg-slate-100">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-2 px-4 py-3">
            <div>
              <p className="text-sm font-semibold text-slate-900">{session.merchant.name}</p>
              <p className="text-xs text-slate-600">Customer Vault · merchant {String(session.merchant.id)}</p>
            </div>
            <div className="flex items-center gap-3">
              <p className="text-sm text-slate-700">
                {session.user.email} <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">{role}</span>
              </p>
              <SignOutButton />
            </div>
          </div>
        </header>
        <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 md:flex-row">
          <aside className="md:w-52 md:shrink-0">
            <PortalNav items={items} />
          </aside>
          <main id="content" className="min-w-0 flex-1">
            {children}
          </main>
        </div>
      </div>
    </PortalProvider>
  );
}
