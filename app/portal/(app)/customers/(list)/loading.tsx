import { PageHeader } from "@/components/portal/page-header";

/** Shown while a search, sort or page is on its way. */
export default function LoadingCustomers() {
  return (
    <>
      <PageHeader title="Customers" description="Search, open and edit the customers in your vault." />
      <div role="status" aria-live="polite" className="space-y-3">
        <span className="sr-only">Loading customers…</span>
        <div className="h-10 w-full max-w-md animate-pulse rounded-md bg-slate-200" />
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
          {Array.from({ length: 6 }, (_, i) => (
            <div key={i} className="flex gap-4 border-b border-slate-100 px-4 py-4 last:border-0">
              <div className="h-4 w-1/4 animate-pulse rounded bg-slate-200" />
              <div className="h-4 w-1/5 animate-pulse rounded bg-slate-200" />
              <div className="h-4 w-1/4 animate-pulse rounded bg-slate-200" />
            </div>
          ))}
        </div>
      </div>
    </>
  );
}
