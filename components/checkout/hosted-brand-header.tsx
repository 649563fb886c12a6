import type { Branding } from "@/lib/merchants/branding";

/** The merchant's logo and name at the top of a hosted page (and of the portal's preview of it). */
export function HostedBrandHeader({ branding }: { branding: Branding }) {
  return (
    <header className="flex items-center gap-3">
      {branding.logoUrl ? <img src={branding.logoUrl} alt="" className="max-h-10 max-w-40 rounded-sm bg-logo-plate p-0.5" /> : null}
      <p className="m-0 font-semibold">{branding.displayName}</p>
    </header>
  );
}
