import type { ReactNode } from "react";

/** A white card with an optional heading and actions, the portal's basic block. */
export function Panel({ title, actions, children, headingLevel = 2 }: { title?: string; actions?: ReactNode; children: ReactNode; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
      {title || actions ? (
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-3">
          {title ? <Heading className="text-base font-semibold text-slate-900">{title}</Heading> : <span />}
          {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
        </div>
      ) : null}
      <div className="px-4 py-4">{children}</div>
    </section>
  );
}
