"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

export type NavItem = { href: string; label: string };

const SUMMARY_CLASS =
  "inline-flex cursor-pointer items-center gap-2 rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-medium text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-700";

/**
 * The portal's sections; the current one is marked for screen readers
 * (aria-current) and by eye. On a desktop the list stands beside the page.
 * On a phone it sits behind a Menu button (a disclosure: aria-expanded, the
 * list it controls shown or hidden; Escape closes it and a new page closes
 * it too). Until the page's script runs, and with JavaScript off, the phone
 * gets a <details> with the same list, which the browser opens by itself.
 */
export function PortalNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();
  // Following a link shows a new page: the menu closes behind it.
  useEffect(() => setOpen(false), [pathname]);

  const links = items.map((item) => {
    const current = pathname !== null && (pathname === item.href || pathname.startsWith(`${item.href}/`));
    return (
      <li key={item.href}>
        <Link
          href={item.href}
          aria-current={current ? "page" : undefined}
          className={`block rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-blue-700 ${
            current ? "bg-blue-50 text-blue-800" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"
          }`}
        >
          {item.label}
        </Link>
      </li>
    );
  });

  if (!hydrated) {
    return (
      <nav aria-label="Portal">
        <details className="md:hidden">
          <summary className={SUMMARY_CLASS}>
            <MenuIcon />
            Menu
          </summary>
          <ul className="mt-2 flex flex-col gap-1 rounded-md border border-slate-200 bg-white p-1">{links}</ul>
        </details>
        <ul className="hidden flex-col gap-1 md:flex">{links}</ul>
      </nav>
    );
  }

  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key === "Escape" && open) {
      setOpen(false);
      button.current?.focus();
    }
  };
  return (
    <nav aria-label="Portal" onKeyDown={closeOnEscape}>
      <button ref={button} type="button" className={`${SUMMARY_CLASS} md:hidden`} aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
        <MenuIcon />
        Menu
      </button>
      <ul
        id={listId}
        className={`${open ? "mt-2 flex rounded-md border border-slate-200 bg-white p-1" : "hidden"} flex-col gap-1 md:mt-0 md:flex md:border-0 md:bg-transparent md:p-0`}
      >
        {links}
      </ul>
    </nav>
  );
}

function MenuIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
      <path d="M3 5h14v2H3zM3 9h14v2H3zM3 13h14v2H3z" />
    </svg>
  );
}
