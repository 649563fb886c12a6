import Link from "next/link";

/** The trail above a detail page: its list, then the page itself (aria-current), e.g. "Customers / HB1001". */
export function Breadcrumb({ parent, current, mono = false }: { parent: { href: string; label: string }; current: string; mono?: boolean }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm">
      <Link href={parent.href} className="text-blue-800 underline underline-offset-2 hover:text-blue-950">
        {parent.label}
      </Link>
      <span aria-hidden="true" className="px-1 text-slate-500">
        /
      </span>
      <span aria-current="page" className={`break-all text-slate-700 ${mono ? "font-mono" : ""}`}>
        {current}
      </span>
    </nav>
  );
}
